-- A canary that fails only when a run sets `--vars '{inject_failure: true}'`.
-- The test suite uses it to prove that a build with a failing test leaves the
-- last good outputs alone.
select 'failure injected with --vars inject_failure' as reason
where {{ var('inject_failure', false) }}
