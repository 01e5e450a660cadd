"""Each year's excerpt (original bytes, headers as published) parses to the expected values."""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from cpmo.imports.gmpp import GmppParseResult, GmppProject

M = 1_000_000


EXCERPTS = Path(__file__).resolve().parents[2] / "data" / "gmpp"


def by_id(result: GmppParseResult, project_id: str) -> GmppProject:
    """The one project with ``project_id``."""
    (found,) = [p for p in result.projects if p.project_id == project_id]
    return found


def test_every_excerpt_is_small_and_parses_without_problems(excerpts):
    assert len(excerpts) == 7
    for year, result in excerpts.items():
        assert (EXCERPTS / f"gmpp_{year.replace('-', '_')}.csv").stat().st_size < 20_000
        assert result.year == year
        assert result.problems == ()
        assert len(result.projects) >= 8


@pytest.mark.parametrize(
    ("year", "encoding"),
    [
        ("2019-20", "cp1252"),
        ("2020-21", "cp1252"),
        ("2021-22", "utf-8-sig"),
        ("2022-23", "utf-8-sig"),
        ("2023-24", "utf-8"),  # the README says "with BOM"; the published file has none
        ("2024-25", "utf-8-sig"),
        ("2025-26", "utf-8-sig"),
    ],
)
def test_detects_each_years_encoding(excerpts, year, encoding):
    assert excerpts[year].encoding == encoding


def test_2019_20_is_read_transposed_with_projects_numbered_by_column(excerpts):
    result = excerpts["2019-20"]
    assert result.transposed
    assert [p.row for p in result.projects] == list(range(2, 10))  # trailing empty columns skipped
    medical = by_id(result, "DH_0046_1415-Q1")
    assert (medical.rag, medical.rag_basis, medical.ipa_rating_raw) == (
        "amber_red",
        "ipa",
        "Amber/Red",
    )
    assert medical.sro_rating_raw is None
    assert (medical.whole_life_cost_gbp, medical.budget_gbp) == (68_400_000, 38_000_000)
    assert (medical.start_date, medical.end_date) == (date(2007, 7, 24), date(2020, 9, 30))
    assert medical.category == "Government Transformation and Service Delivery"
    assert medical.benefits_gbp is None and medical.benefits_reason is None


def test_2019_20_records_the_byte_that_is_not_cp1252(excerpts):
    result = excerpts["2019-20"]
    (note,) = result.notes
    assert (note.row, note.value) == (5, "\ufffd")
    prison = by_id(result, "MOJ_0044_1920-Q2")
    assert "Quantum\ufffd prison" in (prison.description or "")


def test_2019_20_upper_cases_ids_and_departments_but_keeps_them_raw(excerpts):
    prison = by_id(excerpts["2019-20"], "MOJ_0044_1920-Q2")
    assert (prison.department, prison.raw["Department"]) == ("MOJ", "MoJ")
    nsitd = by_id(excerpts["2019-20"], "MOD_0109_1617-Q2")
    assert nsitd.raw["GMPP ID Number"] == "MoD_0109_1617-Q2"
    assert nsitd.whole_life_cost_withheld and nsitd.whole_life_cost_gbp is None


def test_2019_20_keeps_exemptions_and_data_not_provided_apart(excerpts):
    crypt = by_id(excerpts["2019-20"], "MOD_0111_1718-Q1")
    assert (crypt.rag, crypt.rag_basis) == ("unrated", "none")
    assert crypt.rag_reason == (
        "withheld: Exempt under Section 26 of Freedom of Information Act 2000 (Defence)"
    )
    assert crypt.whole_life_cost_withheld and crypt.start_date is None
    prison = by_id(excerpts["2019-20"], "MOJ_0044_1920-Q2")
    assert not prison.whole_life_cost_withheld
    assert prison.whole_life_cost_reason == "not available: Data Not Provided"
    assert prison.start_date_reason == "not available: Data Not Provided"


def test_2020_21_reads_the_five_point_scale_and_explanations(excerpts):
    result = excerpts["2020-21"]
    assert Counter(p.rag for p in result.projects) == Counter(
        amber_red=1, amber_green=1, red=1, amber=1, green=1, unrated=3
    )
    protector = by_id(result, "MOD_0107_1617-Q1")
    assert (protector.ipa_rating_raw, protector.rag) == ("Amber/red", "amber_red")
    assert protector.whole_life_cost_gbp == 1_347_060_000
    no2 = by_id(result, "DEFRA_0014_2021-Q4")
    assert no2.department == "DEFRA & DFT"
    assert no2.rag_reason is not None and no2.rag_reason.startswith(
        "not available: Legal sensitivity around this programme"
    )
    heathrow = by_id(result, "DFT_0035_1920-Q3")
    assert heathrow.whole_life_cost_reason == (
        "not available: The project is not in a position to provide this information"
    )
    assert not heathrow.whole_life_cost_withheld


def test_2021_22_falls_back_to_the_sro_when_the_ipa_column_is_blank(excerpts):
    result = excerpts["2021-22"]
    bridgwater = by_id(result, "DEFRA_0009_2021-Q3")
    assert (bridgwater.ipa_rating_raw, bridgwater.sro_rating_raw) == ("", "Green")
    assert (bridgwater.rag, bridgwater.rag_basis) == ("green", "sro")
    core = by_id(result, "MOD_0078_1213-Q1")
    assert (core.rag, core.rag_basis) == ("red", "ipa")
    assert Counter(p.rag_basis for p in result.projects) == Counter(sro=3, ipa=3, none=3)


def test_2021_22_reads_multi_line_cells_and_blank_money(excerpts):
    result = excerpts["2021-22"]
    borders = by_id(result, "HO_0034_2122-Q3")
    assert "\r" in (borders.ipa_rating_raw or "")
    assert borders.rag_reason == (
        "not available: Early planning GMPP project "
        "(The project has not yet passed SOC, or its programme equivalent)"
    )
    nsign = by_id(result, "MOD_0136_2122-Q1")
    assert (nsign.whole_life_cost_gbp, nsign.whole_life_cost_withheld) == (None, False)
    assert nsign.whole_life_cost_reason == "not published"
    assert by_id(result, "MOJ_0057_2122-Q1").whole_life_cost_gbp == 244 * M


def test_2022_23_treats_na_as_not_applicable_and_reads_benefits(excerpts):
    result = excerpts["2022-23"]
    polar = by_id(result, "BIS_0014_1415-Q3")
    assert (polar.ipa_rating_raw, polar.rag, polar.rag_basis) == ("NA", "green", "sro")
    assert (polar.budget_gbp, polar.budget_reason) == (None, "not applicable")
    assert polar.benefits_gbp == 3_170 * M
    workplace = by_id(result, "CO_0029_2021-Q4")
    assert (workplace.sro_rating_raw, workplace.rag_basis) == ("NA", "ipa")
    assert workplace.benefits_gbp == -30_690_000
    nuclear = by_id(result, "HO_0047_2122-Q1")
    assert nuclear.benefits_withheld and nuclear.whole_life_cost_withheld


def test_2023_24_reads_not_applicable_dashes_and_timestamps(excerpts):
    result = excerpts["2023-24"]
    waterfront = by_id(result, "MOD_0011_2122-Q2")
    assert (waterfront.ipa_rating_raw, waterfront.rag, waterfront.rag_basis) == (
        "Not Applicable ",
        "amber",
        "sro",
    )
    assert waterfront.start_date == date(2016, 12, 31)  # published as "2016-12-31 00:00:00"
    voa = by_id(result, "HMRC_0143_2223-Q2")
    assert (
        voa.raw["Financial Year Baseline (£m) (including Non-Government Costs)"],
        voa.budget_gbp,
    ) == ("-", None)
    assert voa.budget_reason == "not published"
    phe = by_id(result, "DOH_0017_1112-Q1")
    assert phe.end_date is None and (phe.end_date_reason or "").startswith("not available: ARMP")
    assert phe.budget_gbp == 0


def test_2024_25_reads_capitals_bare_section_exemptions_and_ranges(excerpts):
    result = excerpts["2024-25"]
    echo = by_id(result, "FCO_0010_1617-Q3")
    assert (echo.sro_rating_raw, echo.rag) == ("GREEN", "green")
    assert echo.whole_life_cost_range == (265 * M, 265 * M, 265 * M)
    assert echo.benefits_range == (122 * M, 122 * M, 122 * M)
    assert echo.end_date == date(2025, 3, 5)
    pot = by_id(result, "DFT_0439_2425-Q3")
    assert (pot.rag, pot.rag_basis) == ("amber", "nista")
    sizewell = by_id(result, "BEIS_0019_2122-Q1")
    assert sizewell.rag_reason == "withheld: Section 43 - Commercial interests"
    assert sizewell.whole_life_cost_withheld and sizewell.benefits_withheld


def test_2024_25_keeps_an_unparseable_start_date_with_a_reason_and_a_note(excerpts):
    result = excerpts["2024-25"]
    pot = by_id(result, "DFT_0439_2425-Q3")
    assert (pot.start_date, pot.start_date_raw, pot.start_date_reason) == (
        None,
        "No",
        "unparseable date: 'No'",
    )
    assert [(n.row, n.column, n.value) for n in result.notes] == [(pot.row, "Start Date", "No")]


def test_2025_26_uses_mid_values_and_slugs_missing_ids(excerpts):
    result = excerpts["2025-26"]
    assert result.price_basis == "2024/25 real prices"
    gdf = by_id(result, "DECC_0005_1112-Q1")
    assert gdf.whole_life_cost_gbp == 26_350_290_000
    assert gdf.whole_life_cost_range == (20_300 * M, 26_350_290_000, 53_300 * M)
    assert gdf.end_date == date(2050, 3, 31)
    cefas = by_id(result, "DEFRA_0349_2324-Q4")
    assert (cefas.end_date, cefas.end_date_reason) == (None, "range without a Mid value")
    fcrm = by_id(
        result, "defra-flood-and-coastal-risk-management-fcrm-investment-programme-2026-2029"
    )
    assert not fcrm.project_id_published
    assert fcrm.category == "Infrastructure and Construction"


def test_2025_26_strips_zero_width_spaces_from_exemption_texts(excerpts):
    nuclear = by_id(excerpts["2025-26"], "HO_0047_2122-Q1")
    assert nuclear.budget_withheld
    assert nuclear.budget_reason == "withheld: Exempt under Section 24 – National Security"
    assert nuclear.description == "Exempt under Section 24 - National security"
