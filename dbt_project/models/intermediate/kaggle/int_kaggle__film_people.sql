-- Conformed film_people of the Kaggle source, from credits.csv: cast with TMDB's
-- billing order (an actor listed for two characters counts once, at the first
-- position; positions renumbered 1, 2, ...), directors (crew job `Director`) and
-- writers (crew department `Writing`: screenplay, story, novel, ...).
with

credits as (
    select * from {{ ref('int_kaggle__credits_screened') }}
    where drop_reason is null
),

cast_members as (
    select
        movie_id,
        trim(member.name) as person_name,
        min(member.{{ adapter.quote('order') }}) as tmdb_order
    from (select
        movie_id,
        {{ unnest_list('cast_members') }} as member
    from credits)
    where nullif(trim(member.name), '') is not null
    group by all
),

crew_members as (
    select distinct
        movie_id,
        trim(member.name) as person_name,
        case when member.job = 'Director' then 'director' else 'writer' end as role
    from (select
        movie_id,
        {{ unnest_list('crew_members') }} as member
    from credits)
    where
        (member.job = 'Director' or member.department = 'Writing')
        and nullif(trim(member.name), '') is not null
),

final as (
    select
        movie_id,
        person_name,
        'cast' as role,
        row_number() over (partition by movie_id order by tmdb_order, person_name)::integer as billing_order
    from cast_members
    union all
    select
        movie_id,
        person_name,
        role,
        null::integer as billing_order
    from crew_members
)

select * from final
