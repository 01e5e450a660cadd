"""The plan seed files (seeds/plans/*.yaml): read and check them all, then write them all."""

from pathlib import Path

from sqlmodel import Session

from cpmo.plans.importer import PlanDocument, PlanFileError, read_plan
from cpmo.plans.store import store_plan

PLANS_FOLDER = "plans"


def read_plan_seeds(directory: Path) -> tuple[list[PlanDocument], list[str]]:
    """Every plan file in ``directory``/plans, and each problem as 'file: where: field: message'."""
    folder = directory / PLANS_FOLDER
    documents, problems = [], []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = f"{PLANS_FOLDER}/{path.name}"
        try:
            documents.append(read_plan(path.read_bytes(), name=name))
        except PlanFileError as exc:
            problems += [f"{name}: {line}" for line in exc.lines]
    return documents, problems


def load_plan_seeds(
    session: Session, documents: list[PlanDocument]
) -> tuple[dict[str, int], list[str]]:
    """Write the plans: the record count of each kind summed over the files, and the problems
    (references to unknown codes) as 'file: where: field: message'."""
    counts: dict[str, int] = {}
    problems: list[str] = []
    for document in documents:
        try:
            stored = store_plan(session, document)
        except PlanFileError as exc:
            problems += [f"{document.name}: {line}" for line in exc.lines]
            continue
        for kind, n in stored.items():
            counts[kind] = counts.get(kind, 0) + n
    return counts, problems
