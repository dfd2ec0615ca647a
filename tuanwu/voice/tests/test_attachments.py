"""Photos with a case: re-encoded (metadata and appended bytes gone), limited in count, size and type, seen by
the case's handlers only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from tuanwu.voice.models import Case, CaseAttachment


def photo(name="p.jpg", fmt="JPEG", tail=b""):
    buffer = io.BytesIO()
    image = Image.new("RGB", (8, 8), "blue")
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"
    image.save(buffer, format=fmt, **({"exif": exif} if fmt == "JPEG" else {}))
    return SimpleUploadedFile(name, buffer.getvalue() + tail, "image/jpeg")


def test_a_photo_is_re_encoded_without_its_metadata_or_payload(cast, client, client_as):
    response = client.post(
        "/voice/ask/",
        {"category": "help", "description": "宿舍漏水", "attachments": [photo(tail=b"<?php system($_GET['c']); ?>")]},
    )

    assert response.status_code == 201
    row = CaseAttachment.objects.get()
    data = row.file.open("rb").read()
    assert b"SecretPhoneMaker" not in data and b"<?php" not in data
    assert Image.open(io.BytesIO(data)).size == (8, 8)
    case = Case.objects.get()
    url = f"/voice/cases/{case.pk}/attachments/{row.pk}/"
    assert client_as("county_admin").get(url).status_code == 200
    assert client_as("branch_secretary").get(url).status_code == 404  # filed to the county, not the branch


@pytest.mark.parametrize(
    ("files", "code_word"),
    [
        ([SimpleUploadedFile("a.exe", b"MZ\x90\x00" * 10, "image/png")], "不是照片"),
        ([photo(f"{i}.jpg") for i in range(4)], "最多上传3张"),
    ],
)
def test_bad_attachments_refuse_the_submission_and_store_nothing(cast, client, files, code_word):
    response = client.post("/voice/ask/", {"category": "help", "description": "x", "attachments": files})

    assert response.status_code == 200
    assert code_word in " ".join(response.context["form"].errors["attachments"])
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


@override_settings(VOICE_ATTACHMENT_BYTES=100)
def test_an_oversized_photo_is_refused(cast, client):
    response = client.post("/voice/ask/", {"category": "help", "description": "x", "attachments": [photo()]})

    assert "超过" in " ".join(response.context["form"].errors["attachments"])
    assert Case.objects.count() == 0
