"""A new record is offered the next free reference in its plan or register."""
import pytest

from igov.lib.references import next_reference


@pytest.mark.parametrize("existing, expected", [
    (["A1", "A12", "A3"], "A13"),
    (["IR-007", "IR-002"], "IR-008"),
    (["IA-0099"], "IA-0100"),
    (["IR-999"], "IR-1000"),
    (["DSA-2026-004", "DSA-2026-001"], "DSA-2026-005"),
    (["1", "2", "10"], "11"),
    (["R1", "IR-001", "IR-002"], "IR-003"),  # the style most references share
    (["A1", "A2", "Governance"], "A3"),
])
def test_the_next_reference_keeps_prefix_and_padding(existing, expected):
    assert next_reference(existing, default="X1") == expected


@pytest.mark.parametrize("existing", [[], ["Governance", ""]])
def test_the_default_when_no_reference_is_numbered(existing):
    assert next_reference(existing, default="IR-001") == "IR-001"


def test_a_taken_reference_is_never_offered():
    assert next_reference(["a1", "A2", "a3 "], default="A1") == "A4"
