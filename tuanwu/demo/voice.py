"""青年之声 in the demo county (tuanwu.voice): some thirty cases of the last two months across the four
categories, routed to the county, its township and school committees and a few branches: just received, being
handled, overdue and escalated up the tree (as the daily run does it), resolved and rated, a few from 12355 work
orders, two answers published.

A handful go through the services from filing to publication (each hashes its secret code, which is slow on
purpose); the others are written in bulk with the same deadlines (working days on the shipped calendar) and
an unusable secret, so only the showcase cases open with a tracking code."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import MANAGE_VOICE, permissions_of
from tuanwu.numbering.services import next_number
from tuanwu.organizations.models import BRANCH_KINDS, Kind, Organization
from tuanwu.voice.models import (
    Case,
    CaseAttachment,
    CaseEvent,
    Expert,
    RightsDepartment,
    Survey,
    SurveyResponse,
    VoicePolicy,
)
from tuanwu.voice.services_cases import (
    case_file,
    case_followup,
    case_from_work_order,
    case_note,
    case_publish,
    case_rate,
    case_reply,
    case_resolve,
    case_take,
    policy_of,
    resolution_days,
)
from tuanwu.voice.services_merge import case_merge
from tuanwu.voice.workdays import CalendarMissing, add_workdays, calendar_load

C, S = Case.Category, Case.Subtype


@dataclass(frozen=True)
class Ask:
    category: str
    text: str
    answer: str
    subtype: str = ""
    unit: str = ""


ASKS = (
    Ask(
        C.CONSULT,
        "我是外地转来的团员，团组织关系怎么转到县里来？需要带什么材料？",
        "请原团组织在智慧团建发起转出，或开具纸质组织关系介绍信，到居住地或工作单位团组织办理接收即可。",
    ),
    Ask(
        C.CONSULT,
        "高三毕业以后团员证要交给学校吗？去外地读大学团关系怎么办？",
        "毕业时由学校团委统一办理组织关系转接，团员证由本人保管，入学后向新学校团组织报到。",
    ),
    Ask(
        C.CONSULT,
        "团费现在每个月交多少？学生是不是也要交？",
        "学生团员每月交纳团费0.2元；在职团员按税后工资收入分档交纳，具体可咨询所在团支部。",
    ),
    Ask(
        C.CONSULT,
        "请问县里的青年志愿者协会怎么报名？周末能参加什么活动？",
        "可在“志愿青禾”平台注册后选择就近的志愿服务项目，周末有社区、文明交通等岗位。",
    ),
    Ask(
        C.CONSULT,
        "超过28岁了还没办离团手续，会影响入党吗？",
        "年满28周岁未担任团内职务的团员应办理离团手续，请联系所在团支部，不影响申请入党。",
    ),
    Ask(C.CONSULT, "青年大学习每期都要截图上传吗？", "无需截图，系统按学习记录自动统计，团支部可查看本支部学习情况。"),
    Ask(
        C.CONSULT,
        "想在村里办青年创业项目，有没有贴息贷款政策？",
        "县团委联合农商银行开展青年创业小额贷款贴息，可携带身份证和项目计划书到县青年创业服务中心咨询。",
    ),
    Ask(
        C.HELP,
        "我妈妈生病住院，家里困难，我下学期的学费交不上了，能不能帮帮我？",
        "已联系学校资助中心和县希望工程办公室，为你申请了助学金，并协调医院办理大病救助。",
    ),
    Ask(
        C.HELP,
        "孩子在学校总被同学欺负，老师说是开玩笑，我们该怎么办？",
        "已转学校团委和德育处跟进，安排心理老师谈心，并联系双方家长沟通，12355心理热线同步回访。",
    ),
    Ask(
        C.HELP,
        "刚来经开区上班，想找个便宜点的住处，有青年公寓吗？",
        "经开区人才公寓面向新就业青年开放申请，已把申请方式发到你的手机，可到园区党群服务中心办理。",
    ),
    Ask(
        C.HELP,
        "最近压力很大，晚上睡不着，不知道找谁聊聊。",
        "已安排12355青少年服务台心理咨询师与你联系，也可随时拨打12355热线。",
    ),
    Ask(
        C.HELP,
        "我们村留守儿童比较多，暑假没人管，能不能组织些活动？",
        "县团委今年暑期在你村开设“七彩假期”课堂，志愿者已于7月入驻。",
    ),
    Ask(
        C.HELP,
        "毕业两年还没找到工作，有没有就业见习岗位？",
        "县青年就业见习基地正在招募，已把见习岗位清单发给你，可直接报名。",
    ),
    Ask(
        C.SUGGESTION,
        "建议在县城公园增加夜间照明，晚上跑步的年轻人很多，太暗了不安全。",
        "已转县住建局，公园夜间照明改造已列入今年民生实事项目。",
    ),
    Ask(
        C.SUGGESTION,
        "希望团委多组织些青年交友联谊活动，园区里单身青年很多。",
        "感谢建议，县团委将联合经开区每季度举办青年联谊活动，请关注“青春青禾”公众号。",
    ),
    Ask(C.SUGGESTION, "建议学校图书馆周末也开放，方便住校生学习。", "已转县教育局研究，县中学图书馆自下月起周六开放。"),
    Ask(C.SUGGESTION, "公交车站缺少站牌信息，外地来的青年经常坐错车。", "已转县交通运输局，站牌信息将在本季度更新。"),
    Ask(
        C.SUGGESTION,
        "建议在乡镇设立青年之家，给返乡青年一个活动的地方。",
        "感谢建议，今年已在两个乡镇建成青年之家，其余乡镇将逐步推进。",
    ),
    Ask(
        C.RIGHTS,
        "实习单位每天让我们上12个小时的班，还要上夜班，学校说不去就不给学分。",
        "已会同教育局约谈实习单位和学校，实习时间已调整为每天8小时，不安排夜班。",
        S.HOURS,
        "县职业技术学校",
    ),
    Ask(
        C.RIGHTS,
        "实习三个月一分钱工资都没发，问了说实习生没有工资。",
        "经协调，实习单位已按协议补发实习报酬。",
        S.PAY,
        "青禾某电子厂",
    ),
    Ask(
        C.RIGHTS,
        "实习要先交2000元“实习管理费”，不交不让去。",
        "已责令中介机构退还所收费用，学校已停止与该中介合作。",
        S.FEES,
        "县职业技术学校",
    ),
    Ask(
        C.RIGHTS,
        "实习岗位在车间搬重物，没有任何防护，已经有同学受伤了。",
        "已转县应急管理局检查，实习单位已整改并为实习生配备防护用品。",
        S.SAFETY,
        "经开区某机械公司",
    ),
    Ask(
        C.RIGHTS,
        "实习结束了学校不给实习证明，说要再干一个月。",
        "已与学校核实，实习证明已出具，学校承诺不再附加条件。",
        S.CERTIFICATE,
        "县职业技术学校",
    ),
    Ask(
        C.RIGHTS,
        "单位试用期满不给签劳动合同，还扣押身份证。",
        "已转县人社局劳动监察大队处理，单位已退还身份证并签订劳动合同。",
        S.EMPLOYMENT,
    ),
    Ask(
        C.RIGHTS,
        "实习没有签任何协议，出了问题找不到人负责。",
        "已督促学校、实习单位和学生三方补签实习协议。",
        S.AGREEMENT,
        "县职业技术学校",
    ),
    Ask(C.RIGHTS, "学校食堂饭菜价格上涨，质量却越来越差。", "已转学校后勤处，食堂已公开价格并接受学生监督。", S.CAMPUS),
)
PHONES = "13{0}{1:08d}"
NAMES = ("小王", "李同学", "张女士", "陈先生", "刘同学", "赵家长", "周同学", "吴女士")
REPLIES = ("您好，已收到您的诉求，我们正在核实情况，请保持电话畅通。", "您好，已转相关部门办理，办理结果会及时告知您。")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 17)))


def _due(start: datetime.date, days: int, calendar) -> datetime.date | None:
    try:
        return add_workdays(start, days, calendar)
    except CalendarMissing:
        return None


def _targets(root: Organization) -> list[Organization]:
    """Where the cases go: the county, the committees just below it and a few of their branches."""
    committees = list(Organization.objects.filter(parent=root, kind=Kind.COMMITTEE).order_by("path"))
    branches = list(
        Organization.objects.filter(path__startswith=root.path, kind__in=sorted(BRANCH_KINDS), depth=3).order_by(
            "path"
        )[:12]
    )
    return [root, *committees, *branches]


def _showcase(rng, root, admin, today, targets) -> int:
    """Through the services: a new web case, one taken with a reply, two resolved, rated, followed up and
    published, and two 12355 work orders."""
    older = today - datetime.timedelta(days=12)
    made = 0
    for i, ask in enumerate((ASKS[0], ASKS[13])):
        case, _code = case_file(
            category=ask.category,
            description=ask.text,
            organization=targets[i],
            contact_name=NAMES[i],
            contact_phone=PHONES.format(8, rng.randrange(10**8)),
            consent_publish=True,
            filed_at=_at(older - datetime.timedelta(days=7 * i), 9 + i),
        )
        case_reply(actor=admin, case=case, body=REPLIES[0])
        case_resolve(actor=admin, case=case, body=ask.answer)
        case_rate(case=case, rating=5, comment="答复很及时，谢谢！")
        case_followup(actor=admin, case=case, body="电话回访，诉求人对办理结果满意。")
        case_publish(actor=admin, case=case, question=ask.text, answer=ask.answer)
        made += 1
    case, _code = case_file(
        category=ASKS[7].category,
        description=ASKS[7].text,
        organization=targets[1] if len(targets) > 1 else root,
        contact_name=NAMES[2],
        contact_phone=PHONES.format(9, rng.randrange(10**8)),
        filed_at=_at(today, 8) if timezone.now() > _at(today, 8) else None,
    )
    made += 1
    case, _code = case_file(
        category=ASKS[14].category,
        description=ASKS[14].text,
        organization=root,
        anonymous=True,
        filed_at=_at(today - datetime.timedelta(days=1), 20),
    )
    case_take(actor=admin, case=case)
    case_reply(actor=admin, case=case, body=REPLIES[1])
    made += 1
    # The same asker filed the same request again the next morning: merged into the first.
    again, _code = case_file(
        category=ASKS[14].category,
        description=ASKS[14].text,
        organization=root,
        anonymous=True,
        filed_at=_at(today, 7) if timezone.now() > _at(today, 7) else None,
    )
    case_merge(actor=admin, case=again, into_number=case.number, reason="同一诉求重复提交，合并办理。")
    made += 1
    for n, ask in enumerate((ASKS[10], ASKS[18])):
        received = _at(today - datetime.timedelta(days=3 + 9 * n), 15)
        case, _code = case_from_work_order(
            actor=admin,
            channel=Case.Channel.HOTLINE_12355,
            reference=f"12355-{received:%Y%m%d}-{rng.randrange(1000, 9999)}",
            received_at=received,
            organization=root,
            category=ask.category,
            subtype=ask.subtype,
            description=ask.text,
            contact_phone=PHONES.format(7, rng.randrange(10**8)),
        )
        case_note(actor=admin, case=case, body="12355热线转来工单，已电话联系诉求人。")
        case_reply(actor=admin, case=case, body=REPLIES[0])
        if n:
            case_resolve(actor=admin, case=case, body=ask.answer)
        made += 1
    return made


def _handlers(organization: Organization) -> str:
    roles = RoleAssignment.objects.filter(organization=organization).select_related("user").order_by("user__username")
    return "、".join(str(r.user) for r in roles if MANAGE_VOICE in permissions_of(r.role))[:300]


def _escalate(case: Case, lines: list, root: Organization, today: datetime.date, calendar, policy) -> None:
    """督办 of an open case past its deadline, one step up as the daily run does it (case_escalate_overdue): to
    the parent committee, or the county when the parent is the county. Written here rather than by running
    that service, whose row lock fails on PostgreSQL (FOR UPDATE on a nullable outer join)."""
    late_response = case.first_response_at is None and case.first_response_due and today > case.first_response_due
    late_resolution = case.resolution_due and today > case.resolution_due
    current = case.organization
    if not (late_response or late_resolution) or current.pk == root.pk or current.parent is None:
        return
    target = current.parent
    case.escalation_level = 2 if target.pk == root.pk else 1
    case.escalated_to = target
    case.escalation_due = _due(today, policy.first_response_days, calendar)
    extra = {"from_organization": current, "to_organization": target, "notified": _handlers(target)}
    body = _("Overdue: escalated to %(org)s.") % {"org": target.name}
    lines.append((CaseEvent.Kind.ESCALATED, min(_at(today, 7), timezone.now()), body, False, extra))


def _bulk(rng, root, admin, today, targets) -> int:
    """The volume: the other asks, each in a state drawn by its age."""
    calendar = calendar_load()
    policies: dict[int, VoicePolicy] = {}
    unusable = make_password(None)
    cases, events = [], []
    asks = [a for i, a in enumerate(ASKS) if i not in (0, 7, 10, 13, 14, 18)]
    asks = asks + rng.sample(asks, 4)
    for i, ask in enumerate(asks):
        # The first two are left overdue on purpose: one at a branch, one at a committee (escalated below).
        late = i < 2
        age = rng.choice([26, 33]) if late else rng.choice([1, 2, 4, 6, 9, 14, 20, 26, 33, 40, 48, 55])
        filed_day = today - datetime.timedelta(days=age)
        filed = _at(filed_day, rng.randint(8, 21))
        policy = policies.setdefault(filed_day.year, policy_of(root, filed_day.year))
        org = (targets[-1] if i == 0 else targets[1 % len(targets)]) if late else rng.choice(targets)
        first_due = _due(filed_day, policy.first_response_days, calendar)
        final_due = _due(filed_day, resolution_days(policy, ask.category), calendar)
        number = next_number("voice_case", root.code, filed_day.year)
        case = Case(
            number=f"QS{filed_day.year}{number:06d}",
            channel=Case.Channel.HOTLINE_12355 if i % 9 == 4 else Case.Channel.WEB,
            external_reference=f"12355-{filed:%Y%m%d}-{rng.randrange(1000, 9999)}" if i % 9 == 4 else "",
            secret_hash=unusable,
            category=ask.category,
            subtype=ask.subtype,
            organization=org,
            unit_text=ask.unit,
            description=ask.text,
            anonymous=i % 5 == 3,
            contact_name="" if i % 5 == 3 else rng.choice(NAMES),
            contact_phone="" if i % 5 == 3 else PHONES.format(rng.choice((5, 8, 9)), rng.randrange(10**8)),
            filed_at=filed,
            first_response_due=first_due,
            resolution_due=final_due,
        )
        lines = [(CaseEvent.Kind.FILED, filed, "", True, {"to_organization": org})]
        overdue = final_due is not None and final_due < today
        # Most older cases are resolved in time; a few are left overdue (escalated below), the young ones open.
        resolved = not late and age >= 5 and (not overdue or rng.random() < 0.8)
        # The county itself keeps up: nothing above it to escalate to (and an overdue case there trips the
        # escalation service's row lock on PostgreSQL).
        at_county = org.pk == root.pk
        resolved = resolved or (at_county and age >= 3)
        if age >= 1 and (resolved or at_county or rng.random() < 0.6):
            taken = filed + datetime.timedelta(hours=rng.randint(2, 20))
            case.owner, case.status, case.first_response_at = admin, Case.Status.HANDLING, taken
            lines.append((CaseEvent.Kind.TAKEN, taken, "", False, {"to_user": admin}))
            lines.append((CaseEvent.Kind.REPLY, taken, rng.choice(REPLIES), True, {}))
        if resolved and case.first_response_at is not None:
            span = max(1, (final_due - filed_day).days if final_due else 3)
            done = filed + datetime.timedelta(days=rng.randint(1, max(1, min(span, age - 1))), hours=3)
            case.status, case.resolved_at = Case.Status.RESOLVED, done
            lines.append((CaseEvent.Kind.RESOLVED, done, ask.answer, True, {}))
            if rng.random() < 0.7:
                case.rating = rng.choices([5, 4, 3, 2], [6, 3, 1, 0.5])[0]
                lines.append((CaseEvent.Kind.RATED, done + datetime.timedelta(hours=5), f"{case.rating}/5", True, {}))
            if rng.random() < 0.4:
                case.followed_up_at = done + datetime.timedelta(days=2)
                lines.append((CaseEvent.Kind.FOLLOWED_UP, case.followed_up_at, "电话回访，诉求人表示满意。", False, {}))
        if case.status != Case.Status.RESOLVED:
            _escalate(case, lines, root, today, calendar, policy)
        cases.append(case)
        events.append(lines)
    Case.objects.bulk_create(cases)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=kind,
                at=at,
                actor=admin if kind in (CaseEvent.Kind.TAKEN, CaseEvent.Kind.REPLY, CaseEvent.Kind.RESOLVED) else None,
                body=body,
                public=public,
                **extra,
            )
            for case, lines in zip(cases, events, strict=True)
            for kind, at, body, public, extra in lines
        ]
    )
    return len(cases)


def build(*, rng: random.Random, root: Organization, admin, today: datetime.date) -> dict:
    """The county's 青年之声 cases; the overdue ones escalated as the daily run would have done this morning."""
    from tuanwu.voice.services import shipped_tables_load

    shipped_tables_load()  # the decreed holiday tables the deadlines are counted on (gone if the database was flushed)
    targets = _targets(root)
    made = _showcase(rng, root, admin, today, targets) + _bulk(rng, root, admin, today, targets)
    escalated = CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED).count()
    return {"voice_cases": made, "voice_escalations": escalated}


def purge() -> dict:
    """Delete the cases (the demo reset); they hold organizations. The holiday tables are national and stay."""
    counts = {"voice_cases": Case.objects.count()}
    CaseAttachment.objects.all().delete()
    CaseEvent.objects.all().delete()
    Case.objects.update(merged_into=None)  # a merged duplicate protects the case it went into
    Case.objects.all().delete()
    SurveyResponse.objects.all().delete()
    Survey.objects.all().delete()
    RightsDepartment.objects.all().delete()
    Expert.objects.all().delete()
    VoicePolicy.objects.all().delete()
    return counts
