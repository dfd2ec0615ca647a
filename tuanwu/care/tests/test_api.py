"""The care API: masked names, the same scope as the pages, and every read of a record logged."""

from tuanwu.audit.models import AccessLog

from .factories import record


def test_list_masks_names_and_filters(client, cast):
    record(cast, name="周晓婷", difficulties=["family"])
    record(cast, name="陈静", difficulties=["economic"])
    client.force_login(cast.users["committee_secretary"])

    body = client.get("/api/v1/care/records?difficulty=family").json()

    assert [r["name_masked"] for r in body["items"]] == ["周*婷"]
    assert "周晓婷" not in str(body)


def test_detail_is_logged_and_404_to_the_cadre(client, cast):
    r = record(cast)
    client.force_login(cast.users["cadre"])
    assert client.get(f"/api/v1/care/records/{r.pk}").status_code == 404
    assert not AccessLog.objects.exists()

    client.force_login(cast.users["branch_secretary"])
    body = client.get(f"/api/v1/care/records/{r.pk}").json()

    assert (body["name_masked"], body["difficulties"]) == ("陈*", ["economic", "academic"])
    assert AccessLog.objects.get().actor == cast.users["branch_secretary"]
