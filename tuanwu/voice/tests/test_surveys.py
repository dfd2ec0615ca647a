"""Surveys of the rights research: sent to a subtree through a link with a token, answered anonymously and
rate-limited, results as tables for the owner, and the research report draft."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from docx import Document

from tuanwu.voice.models import SurveyResponse
from tuanwu.voice.selectors_rights import survey_results
from tuanwu.voice.services_rights import survey_answer, survey_create, survey_questions_parse
from tuanwu.voice.tests.factories import file_case

QUESTIONS = "单选: 实习有报酬吗？| 有 | 没有\n多选: 遇到过哪些问题？| 加班 | 收费 | 无协议\n文本: 你的建议"


@pytest.fixture
def survey(cast):
    today = datetime.date.today()
    return survey_create(
        actor=cast.users["committee_secretary"],
        organization=cast.town,
        title="实习权益调查",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
        questions=QUESTIONS,
    )


def test_questions_are_read_from_lines():
    questions = survey_questions_parse(QUESTIONS)

    assert [q["kind"] for q in questions] == ["single", "multiple", "text"]
    assert questions[1]["options"] == ["加班", "收费", "无协议"]


@pytest.mark.parametrize("text", ["单选: 只有一个 | 是", "问题没有类型", ""])
def test_malformed_questions_are_refused(text):
    with pytest.raises(ValidationError):
        survey_questions_parse(text)


def test_a_survey_outside_the_scope_is_refused(cast):
    with pytest.raises(Http404):
        survey_create(
            actor=cast.users["committee_secretary"],
            organization=cast.school,
            title="x",
            opens_on=datetime.date(2026, 1, 1),
            closes_on=datetime.date(2026, 2, 1),
            questions=QUESTIONS,
        )


def test_results_count_each_option_with_its_share_and_list_the_texts(survey):
    survey_answer(survey=survey, answers={"0": "没有", "1": ["加班", "收费"], "2": "希望学校把关"})
    survey_answer(survey=survey, answers={"0": "有", "1": ["加班"]})

    total, results = survey_results(survey)

    assert total == 2
    assert results[0].options == [("有", 1, 50.0), ("没有", 1, 50.0)]
    assert results[1].options == [("加班", 2, 100.0), ("收费", 1, 50.0), ("无协议", 0, 0.0)]
    assert results[2].texts == ["希望学校把关"]


def test_an_answer_outside_the_options_is_refused(survey):
    with pytest.raises(ValidationError):
        survey_answer(survey=survey, answers={"0": "也许"})

    assert not SurveyResponse.objects.exists()


def test_anyone_with_the_link_answers_once_per_visit_without_logging_in(survey, client):
    page = client.get(f"/voice/s/{survey.token}/")
    first = client.post(f"/voice/s/{survey.token}/", {"0": "没有", "1": ["收费"], "2": "<script>alert(1)</script>"})
    again = client.post(f"/voice/s/{survey.token}/", {"0": "有"})

    assert page.status_code == 200 and "实习有报酬吗" in page.content.decode()
    assert (first.status_code, again.status_code) == (201, 200)
    assert SurveyResponse.objects.count() == 1
    assert client.get("/voice/s/wrong-token/").status_code == 404


def test_answers_are_rate_limited_per_address(survey, client, settings):
    settings.VOICE_RATE_LIMITS = {"survey": (3, 3600)}
    statuses = []
    for _ in range(5):
        client.cookies.clear()  # a new visit each time
        statuses.append(client.post(f"/voice/s/{survey.token}/", {"0": "有"}).status_code)

    assert statuses == [201, 201, 201, 429, 429]
    assert SurveyResponse.objects.count() == 3


def test_the_owner_reads_the_results_and_others_may_not(survey, client_as):
    survey_answer(survey=survey, answers={"2": "<b>加强监督</b>"})

    page = client_as("committee_secretary").get(f"/voice/surveys/{survey.pk}/").content.decode()

    assert "&lt;b&gt;加强监督&lt;/b&gt;" in page and survey.token in page
    assert client_as("outsider").get(f"/voice/surveys/{survey.pk}/").status_code == 404
    assert client_as("auditor").get(f"/voice/surveys/{survey.pk}/").status_code == 404


def test_the_survey_list_creates_a_survey(cast, client_as):
    response = client_as("branch_secretary").post(
        "/voice/surveys/",
        {
            "title": "校园权益",
            "organization": cast.branch.pk,
            "opens_on": "2026-03-01",
            "closes_on": "2026-03-31",
            "questions": "文本: 你的意见",
        },
    )

    assert response.status_code == 302
    assert client_as("member").get("/voice/surveys/").status_code == 404


def test_the_research_report_combines_case_figures_and_survey_results(cast, survey, client_as):
    file_case(cast.branch, subtype="pay")
    file_case(cast.branch2, category="consult", subtype="")
    file_case(cast.school_branch)  # outside the survey's organization
    survey_answer(survey=survey, answers={"0": "没有"})
    year = datetime.date.today().year

    response = client_as("committee_secretary").get(f"/voice/surveys/{survey.pk}/report/?year={year}")

    assert response.status_code == 200
    assert ".docx" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "实习权益调查" in text
    assert "东湖村团支部" in cells and "西湾村团支部" in cells and "2024级1班团支部" not in cells
    assert "实习报酬" in cells and "没有" in cells
    assert client_as("cadre").get(f"/voice/surveys/{survey.pk}/report/").status_code == 404
