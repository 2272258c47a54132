"""The container image's commands (Containerfile): `python -m models_py.pipeline.container`.

serve     (the default) build the warehouse on the volume if it has none, the
          embedded data as `make run` does (a refresh into the empty folder), then
          serve the API on 0.0.0.0:8000 with MOVIES_WORKERS uvicorn workers; with
          more than one, the workers share their request metrics through
          PROMETHEUS_MULTIPROC_DIR (a fresh folder unless it is set)
refresh   refresh the warehouse on the volume (models_py.pipeline.refresh, with its
          arguments), from any scheduler; a serving container on the same volume
          picks up the new build by itself
"""

from __future__ import annotations

import os
import sys
import tempfile

from models_py.pipeline import environment, refresh

PORT = 8000


def serve() -> int:
    if not environment.warehouse().exists():
        print(f"no warehouse at {environment.warehouse()}: building it (about a minute)", flush=True)
        if (status := refresh.main([])) != 0:
            return status
    workers = environment.workers()
    env = dict(os.environ)
    if workers > 1 and not env.get("PROMETHEUS_MULTIPROC_DIR"):
        env["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="movies-metrics-")
    command = [sys.executable, "-m", "uvicorn", "serve.app:app", "--host", "0.0.0.0", "--port", str(PORT)]
    os.chdir(environment.REPO)  # uvicorn imports serve.app from here
    os.execve(sys.executable, [*command, "--workers", str(workers), "--no-access-log"], env)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command, arguments = (argv[0], argv[1:]) if argv else ("serve", [])
    if command == "serve" and not arguments:
        return serve()
    if command == "refresh":
        return refresh.main(arguments)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
