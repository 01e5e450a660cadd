"""Enablers: programmes ranked by what they unlock downstream, found in one pass over the graph."""

from dataclasses import dataclass
from itertools import compress

import networkx as nx

from cpmo.finance.benefits import BenefitInput, containment
from cpmo.graph.analysis import benefit_inputs
from cpmo.graph.network import nodes_of_kind

_BITS = bytes.maketrans(b"01", b"\x00\x01")


@dataclass(frozen=True)
class Enabler:
    """How much one programme enables downstream."""

    key: str
    benefits: int
    benefit_value_gbp: int
    programmes: int


def enablers(graph: nx.DiGraph, limit: int | None = None) -> list[Enabler]:
    """Programmes ranked by downstream benefit value (one-off and cumulative, each benefit
    once), then benefit count (both desc), then key.

    Downstream means reachable by any path, as in ``impact``. The benefits and programmes each
    node reaches are gathered as integer bitsets in one reverse-topological pass, so ranking
    every programme costs about as much as a few impact reports.
    """
    benefits = nodes_of_kind(graph, "benefit")
    programmes = nodes_of_kind(graph, "programme")
    benefit_bit = {key: 1 << i for i, key in enumerate(benefits)}
    programme_bit = {key: 1 << i for i, key in enumerate(programmes)}
    reach: dict[str, tuple[int, int]] = {}  # key -> (benefits reached, programmes reached)
    for node in reversed(list(nx.topological_sort(graph))):
        ben = prog = 0
        for succ in graph.adj[node]:
            succ_ben, succ_prog = reach[succ]
            ben |= succ_ben | benefit_bit.get(succ, 0)
            prog |= succ_prog | programme_bit.get(succ, 0)
        reach[node] = (ben, prog)
    inputs = {b.code: b for b in benefit_inputs(graph, benefits)}
    values = [0 if inputs[key].per_year else inputs[key].value_gbp or 0 for key in benefits]
    contained = _contained(inputs, benefit_bit)
    rows = [
        Enabler(key, ben.bit_count(), _value(ben, values, contained), prog.bit_count())
        for key in programmes
        for ben, prog in [reach[key]]
    ]
    rows.sort(key=lambda r: (-r.benefit_value_gbp, -r.benefits, r.key))
    return rows if limit is None else rows[:limit]


def _contained(
    inputs: dict[str, BenefitInput], bit_of: dict[str, int]
) -> list[tuple[int, int, int]]:
    """(bit, containers' bits, value) for each valued one-off benefit inside a valued one."""
    part_of = containment(inputs)
    out = []
    for key, b in inputs.items():
        above, parent = 0, part_of.get(key)
        while parent is not None:
            if inputs[parent].valued:
                above |= bit_of.get(parent, 0)
            parent = part_of.get(parent)
        if above and b.value_gbp and not b.per_year and key in bit_of:
            out.append((bit_of[key], above, b.value_gbp))
    return out


def _value(bits: int, values: list[int], contained: list[tuple[int, int, int]]) -> int:
    """Sum of values[i] for every bit i set in bits (exact integer pounds), less each part
    whose container is reached too (the finance rule: a container and its parts count once)."""
    if not bits:
        return 0
    total = sum(compress(values, bin(bits)[:1:-1].encode().translate(_BITS)))
    return total - sum(v for bit, above, v in contained if bits & bit and bits & above)
