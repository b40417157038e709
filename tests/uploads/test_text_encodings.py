"""A CSV's encoding is decided from the whole file: UTF-8, else Windows-1252, and a file that is
both (or neither) is refused with the row and byte that failed, never read as mojibake."""
import codecs

import pytest

from igov.lib.uploads import UploadRejected, check_upload, decode_text, read_rows

HEADER = "Staff number,First name\r\n"


def rows_of(lines: list[str], encoding: str) -> bytes:
    return (HEADER + "".join(f"{line}\r\n" for line in lines)).encode(encoding)


def refused(data: bytes) -> str:
    with pytest.raises(UploadRejected) as caught:
        check_upload(data, "hr.csv")
    return caught.value.message


def test_a_utf8_file_with_a_stray_windows_1252_byte_after_8_kb_is_refused_naming_its_row_and_byte():
    lines = [f"E{n:05d},Zoë" for n in range(1, 1001)]  # about 12 KB
    data = rows_of(lines[:899], "utf-8") + "E00900,Zoë\r\n".encode("cp1252") + rows_of(lines[900:], "utf-8")[
        len(HEADER):]
    offset = data.index(b"Zo\xeb")
    assert offset > 8192
    message = refused(data)
    assert "mixes two text encodings" in message
    assert "row 901" in message and f"byte {offset + 3:,} of the file" in message and "0xEB" in message
    with pytest.raises(UploadRejected):
        list(read_rows(data, "csv"))


def test_a_clean_utf8_file_is_read_as_utf8_with_or_without_a_byte_order_mark():
    lines = [f"E{n:05d},Zoë" for n in range(1, 1001)]
    for data in (rows_of(lines, "utf-8"), codecs.BOM_UTF8 + rows_of(lines, "utf-8")):
        assert check_upload(data, "hr.csv") == "csv"
        assert {row[1] for row in list(read_rows(data, "csv"))[1:]} == {"Zoë"}


def test_a_windows_1252_file_is_read_whole_as_windows_1252():
    lines = [f"E{n:05d},Ann" for n in range(1, 1000)] + ["E01000,Zoë “Bo” Brontë – £5"]
    data = rows_of(lines, "cp1252")
    assert check_upload(data, "hr.csv") == "csv"
    assert list(read_rows(data, "csv"))[-1] == ("E01000", "Zoë “Bo” Brontë – £5")


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_a_file_with_a_byte_windows_1252_leaves_undefined_is_refused_naming_its_row_and_byte(byte):
    data = rows_of(["E00001,Ann", "E00002,Bob"], "cp1252") + b"E00003,Z" + bytes([byte]) + b"e\r\n"
    message = refused(data)
    assert "neither UTF-8 nor Windows-1252" in message
    assert "row 4" in message and f"0x{byte:02X}" in message and f"byte {data.index(bytes([byte])) + 1:,}" in message


def test_a_utf8_file_with_a_byte_undefined_in_windows_1252_is_refused_as_mixed():
    data = rows_of(["E00001,Zoë"], "utf-8") + b"E00002,Z\x81e\r\n"
    assert "row 3" in refused(data) and "0x81" in refused(data)


def test_a_utf16_file_is_refused_with_advice():
    message = refused(rows_of(["E00001,Zoë"], "utf-16"))
    assert "UTF-16" in message and "CSV UTF-8" in message


def test_a_null_byte_after_the_first_8_kb_is_refused_naming_its_row():
    lines = [f"E{n:05d},Ann" for n in range(1, 1001)]
    data = rows_of(lines[:899], "utf-8") + b"E00900,A\x00nn\r\n" + rows_of(lines[900:], "utf-8")[len(HEADER):]
    message = refused(data)
    assert "null character" in message and "Row 901" in message


def test_a_sample_cut_inside_a_character_is_not_an_error():
    data = "Zoë".encode()
    assert decode_text(data[:-1], partial=True) == "Zo"
