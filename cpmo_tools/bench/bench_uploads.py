"""Uploads: every crafted file of tests/data/uploads/ (and the two built on the fly) sent
through its real endpoints; the worst answer time and the worst peak extra memory.

Each file runs in its own process (``python -m cpmo_tools.bench.bench_uploads NAME``) so that the
peak resident memory (VmHWM, reset just before the first request) belongs to that file
alone; extra = that peak − the resident memory just before the first request.
Target: every upload answers within 2 s and 200 MB.
"""

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from cpmo_tools.bench.figures import Figure

# the source checkout this package sits in (its tests/data hold the input files)
REPO = Path(__file__).resolve().parents[2]
TARGET_S, TARGET_MB = 2.0, 200.0


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reset_peak() -> None:
    """Linux: start the peak (VmHWM) afresh from the current resident size."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def _peak_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _multipart(content: bytes, name: str, **form: str) -> tuple[bytes, str]:
    boundary = "cpmo-bench-upload"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in form.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def measure_one(name: str) -> dict[str, object]:
    """In this process: set up a database, send ``name`` to each endpoint it is meant for."""
    from cpmo.app import create_app
    from cpmo.migrate import upgrade
    from cpmo.users import service as users
    from tests.support import upload_corpus
    from tests.support.workshops import build_workshop

    table = {**upload_corpus.CORPUS, **upload_corpus.GENERATED}
    build, kinds = table[name]
    path = upload_corpus.CORPUS_DIR / name
    content = path.read_bytes() if name in upload_corpus.CORPUS else build()
    folder = tempfile.TemporaryDirectory(prefix="cpmo-bench-uploads-")
    url = f"sqlite:///{folder.name}/bench.sqlite3"
    upgrade(url)
    app = create_app({"CPMO_DATABASE_URL": url, "INSTANCE_PATH": folder.name, "TESTING": False})
    factory = app.extensions["cpmo.sessionmaker"]  # carries the audit keyring
    with factory() as session:
        tokens = {
            role: users.create(session, username=role, role=role)[1]
            for role in ("programme_manager", "facilitator", "cpmo")
        }
        session.commit()
        build_workshop(session, code="bench-draft", status="draft")
        build_workshop(session, code="bench-scoring", status="scoring")
        session.commit()
    client = app.test_client()

    def auth(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    if "docx" in kinds:
        from cpmo.seeding import load_seeds

        with factory() as session:
            load_seeds(session)
            session.commit()
        body = {"code": "bench-prog", "name": "Bench", "portfolio": "goj-change"}
        client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    targets: list[tuple[str, str, str, dict[str, str]]] = []
    if "docx" in kinds:
        targets.append(
            (
                "/api/v1/programmes/bench-prog/business-cases/upload",
                "programme_manager",
                "case.docx",
                {"kind": "obc"},
            )
        )
    if "xlsx" in kinds or "csv" in kinds:
        targets += [
            ("/api/v1/workshops/bench-draft/import/candidates", "facilitator", name, {}),
            ("/api/v1/workshops/bench-scoring/import/scores", "facilitator", name, {}),
        ]
    if "xlsx" in kinds:
        targets.append(("/api/v1/plans/import", "cpmo", "plan.xlsx", {}))
    if "csv" in kinds:
        targets.append(("/api/v1/imports/gmpp", "cpmo", "gmpp_2021_22.csv", {}))
    _reset_peak()
    baseline = _rss_mb()
    worst_s, statuses = 0.0, []
    for url_path, role, filename, form in targets:
        data, content_type = _multipart(content, filename, **form)
        start = time.perf_counter()
        response = client.post(url_path, data=data, headers=auth(role), content_type=content_type)
        response.get_data()
        worst_s = max(worst_s, time.perf_counter() - start)
        statuses.append(response.status_code)
    app.extensions["cpmo.engine"].dispose()
    folder.cleanup()
    return {
        "name": name,
        "bytes": len(content),
        "seconds": worst_s,
        "extra_mb": max(0.0, _peak_mb() - baseline),
        "statuses": statuses,
    }


def figures() -> Iterator[Figure]:
    """One figure: the worst case over the corpus (with the worst file named)."""
    if not (REPO / "tests" / "support" / "upload_corpus.py").is_file():
        raise ValueError("the uploads benchmark runs from a source checkout (tests/ missing)")
    results = [_run(name) for name in _run("--names")]
    slowest = max(results, key=lambda r: r["seconds"])
    biggest = max(results, key=lambda r: r["extra_mb"])
    refused = all(s in (413, 422) for r in results for s in r["statuses"])
    yield Figure(
        name="uploads",
        n=len(results),
        samples=sum(len(r["statuses"]) for r in results),
        value=slowest["seconds"],
        unit="s worst answer",
        target=f"< {TARGET_S:g} s and < {TARGET_MB:g} MB, every answer 413/422",
        met=slowest["seconds"] < TARGET_S and biggest["extra_mb"] < TARGET_MB and refused,
        detail={
            "worst_extra_mb": round(biggest["extra_mb"], 1),
            "slowest": slowest["name"],
            "most_memory": biggest["name"],
        },
    )


def _run(argument: str):  # type: ignore[no-untyped-def]
    """This module in a child process started in the checkout (so that `python -m` finds the
    corpus in tests/support there); its last line of output, as JSON."""
    out = subprocess.run(
        [sys.executable, "-m", "cpmo_tools.bench.bench_uploads", argument],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _names() -> list[str]:
    from tests.support import upload_corpus

    return [*upload_corpus.CORPUS, *upload_corpus.GENERATED]


if __name__ == "__main__":
    if sys.argv[1:] == ["--names"]:
        print(json.dumps(_names()))
    else:
        print(json.dumps(measure_one(sys.argv[1])))
