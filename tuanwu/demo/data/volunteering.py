"""The demo county's volunteer work: the activities' titles by category and places, and the few rows that the
demo logins see today (the demo member's own activities, those open for sign-up, the one running, a task force)."""

from __future__ import annotations

from tuanwu.volunteering.models import Category, TaskForce

TITLES = {
    Category.EPIDEMIC: ["社区防疫值守", "疫苗接种点秩序维护", "返乡人员登记服务"],
    Category.POVERTY: ["助农直播带货", "脱贫户春耕帮扶", "留守儿童关爱走访"],
    Category.ECOLOGY: ["河道清洁行动", "义务植树", "垃圾分类宣传"],
    Category.COMMUNITY: ["敬老院陪伴", "社区便民服务", "图书馆整理图书"],
    Category.EDUCATION: ["周末课业辅导", "暑期支教", "困难学生结对助学"],
    Category.COUNTRYSIDE: ["三下乡文艺演出", "科技下乡宣讲"],
    Category.CIVILITY: ["文明交通劝导", "文明城市创建志愿服务"],
}
PLACES = ["城关镇文化广场", "青禾河滨公园", "县图书馆", "县敬老院", "东湖村村委会", "县人民医院门诊楼", "火车站广场"]
PAST_ACTIVITIES_PER_1000 = 12  # finished activities of the past year per 1000 people
MAX_PAST_ACTIVITIES = 4000

# The demo member's own record: (days ago, title, category) of finished activities of their branch.
MEMBER_ACTIVITIES = ((40, "义务植树", Category.ECOLOGY), (15, "敬老院陪伴", Category.COMMUNITY))
MEMBER_MATES = 6  # branch mates who served beside them
# Open for sign-up in the featured branch: (days ahead, title, category).
UPCOMING = ((3, "周末河道清洁行动", Category.ECOLOGY), (6, "敬老院重阳陪伴", Category.COMMUNITY))
UPCOMING_DESCRIPTION = "请穿着志愿者马甲，自备水杯。"
# Running now, the demo member signed up and approved.
RUNNING = {"title": "文明交通劝导（今日）", "category": Category.CIVILITY, "place": "火车站广场", "capacity": 10}
CORRECTION_REASON = "活动结束后我留下整理物资，多服务了一小时。"
CERTIFICATE_HANDLER = "团支部书记"
# What the featured organization prints on its certificates (its certificate settings).
CERTIFICATE_PERSON_IN_CHARGE = "团委书记"
CERTIFICATE_CONTACT_PHONE = "0000-12355"
TASK_FORCE = {
    "name": "青年防汛突击队",
    "field": TaskForce.Field.SUPPORT,
    "description": "汛期河堤巡查、物资转运。",
}
TASK_FORCE_AGE_DAYS = 200
TASK_FORCE_CREW = 12
