"""The graph seeded from document 000: the TTP's dependencies, objectives, benefits, priority."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from cpmo.graph import service, store, version
from cpmo.graph.models import GraphEdge
from cpmo.seeding import SEEDS_DIR, SeedError, load_seeds, reset_seeded_data

TTP_CHILDREN = [
    "ttp-benefits-payments",
    "ttp-crm",
    "ttp-cyber",
    "ttp-e-government",
    "ttp-edrm",
    "ttp-electronic-patient-records",
    "ttp-its",
    "ttp-ms-foundation",
    "ttp-service-digitisation",
    "ttp-tax-system",
]


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def _append_edges(folder: Path, *records: dict[str, object]) -> int:
    """Append records to the copied graph_edges.yaml; the number of the first one appended."""
    path = folder / "graph_edges.yaml"
    document = yaml.safe_load(path.read_text())
    first = len(document["records"]) + 1
    document["records"] += [{"source": "test", **r} for r in records]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    return first


def test_cyber_impact_lists_the_programmes_that_need_it_and_the_objectives_and_benefits_behind(
    seeded: Session,
) -> None:
    report = service.get_impact(seeded, key="programme:ttp-cyber")
    needing = {key.removeprefix("programme:") for key in report.programmes_affected}
    # 'a safe platform on which to deliver the remainder of the TTP'
    assert set(TTP_CHILDREN) - {"ttp-cyber", "ttp-ms-foundation"} <= needing
    assert "ttp-ms-foundation" not in needing and "ttp" in needing
    assert {
        "objective:obj-coo-11",  # Technology Transformation Programme initiated
        "objective:obj-t-and-e-1",  # T&E: Integrated Technology Solution
        "objective:obj-t-and-e-2",  # T&E: Revenue Management System
        "objective:obj-hcs-3",  # HCS: Digital with service users
        "objective:obj-cypes-4",  # CYPES: school admissions
    } <= set(report.objectives_at_risk)
    assert {
        "benefit:ben-ttp-security-resilience",
        "benefit:ben-ttp-cash-releasing-2020-2025",
        "benefit:ben-ttp-savings-15m-pa",
    } <= set(report.benefits_at_risk)
    assert "priority:modernising-government" in report.priorities_at_risk
    assert report.benefit_value_at_risk >= 70_000_000 + 15_000_000


def test_cyber_and_ms_foundation_come_first_and_e_government_before_the_front_office(
    seeded: Session,
) -> None:
    order = service.get_order(seeded).generations
    assert order[0] == ["programme:ttp-cyber", "programme:ttp-ms-foundation"]
    generation = {key: i for i, keys in enumerate(order) for key in keys}
    for front in ("ttp-crm", "ttp-electronic-patient-records", "ttp-tax-system"):
        assert generation["programme:ttp-e-government"] < generation[f"programme:{front}"]
    assert generation["programme:ttp-its"] < generation["programme:people-strategy"]


def test_every_seeded_edge_cites_document_000_and_judgement_is_illustrative(
    seeded: Session,
) -> None:
    edges = {(e.source_key, e.target_key): e for e in seeded.exec(select(GraphEdge))}
    assert all("000_098c8a075ef0603b.txt" in e.source for e in edges.values())
    assert not edges["programme:ttp-cyber", "programme:ttp-its"].illustrative
    assert not edges["programme:ttp-its", "objective:obj-t-and-e-1"].illustrative
    assert edges["programme:ttp-its", "programme:people-strategy"].illustrative
    assert edges["programme:ttp-tax-system", "objective:obj-t-and-e-2"].illustrative


def test_every_seeded_programme_serves_an_objective_and_every_benefit_is_delivered(
    seeded: Session,
) -> None:
    found = service.get_orphans(seeded)
    assert found.programmes == [] and found.benefits == []
    assert "objective:obj-ghe-1" in found.objectives  # 'Our Hospital': no TTP programme serves it


def test_seeding_again_changes_neither_the_edges_nor_the_graph_version(seeded: Session) -> None:
    before = version.read(seeded)
    count = len(seeded.exec(select(GraphEdge)).all())
    load_seeds(seeded)
    assert version.read(seeded) == before
    assert len(seeded.exec(select(GraphEdge)).all()) == count


def test_reset_empties_the_graph_and_reseeding_restores_it(seeded: Session) -> None:
    edges = store.get_graph(seeded).number_of_edges()
    reset_seeded_data(seeded)
    assert store.get_graph(seeded).number_of_nodes() == 0
    load_seeds(seeded)
    assert store.get_graph(seeded).number_of_edges() == edges


def test_a_seeded_edge_of_the_wrong_kind_or_closing_a_cycle_is_named_and_nothing_loads(
    seed_copy: Path, session: Session
) -> None:
    n = _append_edges(
        seed_copy,
        {"source_key": "programme:ttp-its", "target_key": "objective:obj-coo-1", "kind": "enables"},
        {"source_key": "programme:ttp", "target_key": "programme:ttp-cyber", "kind": "enables"},
        {"source_key": "programme:ttp", "target_key": "kpi:kpi-nope", "kind": "measures"},
    )
    with pytest.raises(SeedError) as caught:
        load_seeds(session, seed_copy)
    problems = "\n".join(caught.value.problems)
    assert (
        f"graph_edges.yaml: record {n} (programme:ttp-its → objective:obj-coo-1): kind: "
        "programme -enables-> objective is not an allowed edge" in problems
    )
    assert (
        f"graph_edges.yaml: record {n + 1} (programme:ttp → programme:ttp-cyber): target_key: "
        "would close the cycle programme:ttp → programme:ttp-cyber → programme:ttp" in problems
    )
    assert f"record {n + 2} (programme:ttp → kpi:kpi-nope): target_key: no graph node" in problems
    assert session.exec(select(GraphEdge)).all() == []


def test_a_malformed_node_key_in_the_seed_file_is_named(seed_copy: Path, session: Session) -> None:
    n = _append_edges(
        seed_copy, {"source_key": "Cyber", "target_key": "programme:ttp", "kind": "enables"}
    )
    with pytest.raises(SeedError, match=rf"record {n} \(Cyber → programme:ttp\): source_key: must"):
        load_seeds(session, seed_copy)
