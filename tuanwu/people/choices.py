"""Value lists of the 智慧团建 member record (DOMAIN.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class IdType(models.TextChoices):
    RESIDENT = "resident", _("Resident identity card")
    OTHER = "other", _("Other identity document")


class PoliticalStatus(models.TextChoices):
    LEAGUE_MEMBER = "league_member", _("League member")
    PARTY_MEMBER = "party_member", _("Party member")
    PROBATIONARY_PARTY_MEMBER = "probationary_party_member", _("Probationary party member")
    MASSES = "masses", _("The masses")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR_HIGH = "junior_high", _("Junior high school")
    SENIOR_HIGH = "senior_high", _("Senior high school")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school")
    JUNIOR_COLLEGE = "junior_college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")
    IN_JUNIOR_HIGH = "in_junior_high", _("Studying in junior high school")
    IN_SENIOR_HIGH = "in_senior_high", _("Studying in senior high school")
    IN_SECONDARY_VOCATIONAL = "in_secondary_vocational", _("Studying in secondary vocational school")
    IN_JUNIOR_COLLEGE = "in_junior_college", _("Studying in junior college")
    IN_BACHELOR = "in_bachelor", _("Studying for a bachelor's degree")
    IN_MASTER = "in_master", _("Studying for a master's degree")
    IN_DOCTOR = "in_doctor", _("Studying for a doctorate")


class Occupation(models.TextChoices):
    STATE_ENTERPRISE_STAFF = "state_enterprise_staff", _("State-owned enterprise staff")
    PRIVATE_ENTERPRISE_STAFF = "private_enterprise_staff", _("Non-public enterprise staff")
    PUBLIC_SECTOR_STAFF = "public_sector_staff", _("Government and public institution staff")
    SOCIAL_ORGANIZATION_STAFF = "social_organization_staff", _("Social organization staff")
    FARMER = "farmer", _("Farmer")
    STUDENT = "student", _("Student")
    FREELANCER = "freelancer", _("Freelancer")
    PUBLIC_UNIVERSITY_STAFF = "public_university_staff", _("Public university staff")
    PUBLIC_SECONDARY_STAFF = "public_secondary_staff", _("Public secondary school staff")
    PUBLIC_VOCATIONAL_STAFF = "public_vocational_staff", _("Public vocational school staff")
    PRIVATE_UNIVERSITY_STAFF = "private_university_staff", _("Private university staff")
    PRIVATE_SECONDARY_STAFF = "private_secondary_staff", _("Private secondary school staff")
    PRIVATE_VOCATIONAL_STAFF = "private_vocational_staff", _("Private vocational school staff")
    OTHER = "other", _("Other")


# GB/T 3304 order; the code is the two-digit national code, 97 is "other".
class Ethnicity(models.TextChoices):
    HAN = "01", _("Han")
    MONGOL = "02", _("Mongol")
    HUI = "03", _("Hui")
    TIBETAN = "04", _("Tibetan")
    UYGHUR = "05", _("Uyghur")
    MIAO = "06", _("Miao")
    YI = "07", _("Yi")
    ZHUANG = "08", _("Zhuang")
    BOUYEI = "09", _("Bouyei")
    KOREAN = "10", _("Korean")
    MANCHU = "11", _("Manchu")
    DONG = "12", _("Dong")
    YAO = "13", _("Yao")
    BAI = "14", _("Bai")
    TUJIA = "15", _("Tujia")
    HANI = "16", _("Hani")
    KAZAKH = "17", _("Kazakh")
    DAI = "18", _("Dai")
    LI = "19", _("Li")
    LISU = "20", _("Lisu")
    VA = "21", _("Va")
    SHE = "22", _("She")
    GAOSHAN = "23", _("Gaoshan")
    LAHU = "24", _("Lahu")
    SHUI = "25", _("Shui")
    DONGXIANG = "26", _("Dongxiang")
    NAXI = "27", _("Naxi")
    JINGPO = "28", _("Jingpo")
    KYRGYZ = "29", _("Kyrgyz")
    TU = "30", _("Tu")
    DAUR = "31", _("Daur")
    MULAO = "32", _("Mulao")
    QIANG = "33", _("Qiang")
    BLANG = "34", _("Blang")
    SALAR = "35", _("Salar")
    MAONAN = "36", _("Maonan")
    GELAO = "37", _("Gelao")
    XIBE = "38", _("Xibe")
    ACHANG = "39", _("Achang")
    PUMI = "40", _("Pumi")
    TAJIK = "41", _("Tajik")
    NU = "42", _("Nu")
    UZBEK = "43", _("Uzbek")
    RUSSIAN = "44", _("Russian")
    EWENKI = "45", _("Ewenki")
    DEANG = "46", _("De'ang")
    BONAN = "47", _("Bonan")
    YUGUR = "48", _("Yugur")
    GIN = "49", _("Gin")
    TATAR = "50", _("Tatar")
    DERUNG = "51", _("Derung")
    OROQEN = "52", _("Oroqen")
    HEZHEN = "53", _("Hezhen")
    MONBA = "54", _("Monba")
    LHOBA = "55", _("Lhoba")
    JINO = "56", _("Jino")
    OTHER = "97", _("Other ethnicity")


class CadrePostName(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    ORGANIZATION_OFFICER = "organization_officer", _("Organization officer")
    PUBLICITY_OFFICER = "publicity_officer", _("Publicity officer")
    CULTURE_SPORTS_OFFICER = "culture_sports_officer", _("Culture and sports officer")
    PRODUCTION_OFFICER = "production_officer", _("Production officer")
    RIGHTS_OFFICER = "rights_officer", _("Rights officer")
    VOLUNTEER_OFFICER = "volunteer_officer", _("Volunteer officer")
    OTHER = "other", _("Other post")


class CadreKind(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    SECONDED = "seconded", _("Seconded")
