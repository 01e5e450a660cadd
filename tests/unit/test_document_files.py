"""The pure rules of kept documents: safe names, sizes in words, download headers."""

import base64
import hashlib

import pytest

from cpmo.documents.files import as_docx_name, download_headers, safe_filename, size_label


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("C:\\Users\\pat\\minutes.pdf", "minutes.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ('a"b\r\nc.csv', "a_b_c.csv"),
        ("   ", "document"),
        ("x" * 300 + ".docx", "x" * 145 + ".docx"),
    ],
)
def test_a_name_loses_folders_control_characters_and_quotes(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


def test_a_word_upload_is_named_docx_whatever_it_was_called() -> None:
    assert as_docx_name("case") == "case.docx"
    assert as_docx_name("Case.DOCX") == "Case.DOCX"


@pytest.mark.parametrize(
    ("size", "words"), [(1, "1 byte"), (512, "512 bytes"), (2048, "2 KB"), (10 * 1024**2, "10 MB")]
)
def test_sizes_are_given_in_words(size: int, words: str) -> None:
    assert size_label(size) == words


def test_the_download_headers_save_the_file_and_state_its_digest() -> None:
    digest = hashlib.sha256(b"x").hexdigest()
    headers = download_headers(filename="résumé; final.pdf", sha256=digest)
    assert headers["Content-Disposition"] == (
        'attachment; filename="resume_ final.pdf"; '
        "filename*=UTF-8''r%C3%A9sum%C3%A9%3B%20final.pdf"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert (
        headers["Digest"] == "sha-256=" + base64.b64encode(hashlib.sha256(b"x").digest()).decode()
    )
    assert headers["ETag"] == f'"{digest}"'
