"""A seal recognises a generated text exactly as it was written, and nothing else."""

from __future__ import annotations

from agreekit.seal import UNSEALED, is_sealed, seal

TEXT = f"# generated\n# {UNSEALED}\n/agreement/ @org/team\n"


def test_a_sealed_text_is_recognised() -> None:
    sealed = seal(TEXT)
    assert UNSEALED not in sealed and "agreekit-seal: " in sealed
    assert is_sealed(sealed.encode())


def test_any_edit_breaks_the_seal() -> None:
    sealed = seal(TEXT)
    assert not is_sealed(sealed.replace("@org/team", "@org/other").encode())
    assert not is_sealed((sealed + "\n").encode())
    assert not is_sealed(sealed.replace("agreekit-seal: ", "agreekit-seal: 0", 1)[:-1].encode())


def test_unsealed_or_binary_files_are_not_sealed() -> None:
    assert not is_sealed(TEXT.encode())
    assert not is_sealed(b"/agreement/ @org/team\n")
    assert not is_sealed(b"\xff\xfe" + seal(TEXT).encode())
