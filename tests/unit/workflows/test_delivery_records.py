"""Which stages prepare the lots, the milestones and the benefits plan (asked of the gate
table, not kept by the pages)."""

from cpmo.workflows.gates import MAIN_PATH, has_delivery_plan, prepares_delivery, prepares_lots


def test_lots_are_prepared_in_supplier_selection_only() -> None:
    assert [s for s in MAIN_PATH if prepares_lots(s)] == ["supplier_selection"]


def test_milestones_and_the_benefits_plan_are_prepared_in_delivery_only() -> None:
    assert [s for s in MAIN_PATH if prepares_delivery(s)] == ["delivery"]


def test_the_delivery_plan_exists_from_supplier_selection_on() -> None:
    assert not has_delivery_plan("fbc_review")
    assert has_delivery_plan("supplier_selection") and has_delivery_plan("closed")
    assert not has_delivery_plan("stopped")
