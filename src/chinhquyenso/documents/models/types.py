"""Document types (Decree 30/2020 Art. 7, abbreviations from its Appendix III) and the marks a document carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# (code, name, abbreviation) — a công văn and a thư công have no type abbreviation: their notation starts with
# the issuing body's abbreviation (Appendix I, component 3).
ARTICLE_7_TYPES = [
    ("nghi-quyet", "Nghị quyết", "NQ"),
    ("quyet-dinh", "Quyết định", "QĐ"),
    ("chi-thi", "Chỉ thị", "CT"),
    ("quy-che", "Quy chế", "QC"),
    ("quy-dinh", "Quy định", "QyĐ"),
    ("thong-cao", "Thông cáo", "TC"),
    ("thong-bao", "Thông báo", "TB"),
    ("huong-dan", "Hướng dẫn", "HD"),
    ("chuong-trinh", "Chương trình", "CTr"),
    ("ke-hoach", "Kế hoạch", "KH"),
    ("phuong-an", "Phương án", "PA"),
    ("de-an", "Đề án", "ĐA"),
    ("du-an", "Dự án", "DA"),
    ("bao-cao", "Báo cáo", "BC"),
    ("bien-ban", "Biên bản", "BB"),
    ("to-trinh", "Tờ trình", "TTr"),
    ("hop-dong", "Hợp đồng", "HĐ"),
    ("cong-van", "Công văn", ""),
    ("cong-dien", "Công điện", "CĐ"),
    ("ban-ghi-nho", "Bản ghi nhớ", "GN"),
    ("ban-thoa-thuan", "Bản thỏa thuận", "TT"),
    ("giay-uy-quyen", "Giấy ủy quyền", "GUQ"),
    ("giay-moi", "Giấy mời", "GM"),
    ("giay-gioi-thieu", "Giấy giới thiệu", "GGT"),
    ("giay-nghi-phep", "Giấy nghỉ phép", "GNP"),
    ("phieu-gui", "Phiếu gửi", "PG"),
    ("phieu-chuyen", "Phiếu chuyển", "PC"),
    ("phieu-bao", "Phiếu báo", "PB"),
    ("thu-cong", "Thư công", ""),
]
CONG_VAN = "cong-van"
# Legal normative documents a local authority issues (Law 80/2015): numbered in a series of their own, and their
# number carries the year (``12/2026/QĐ-UBND``).
LEGAL_NORMATIVE_TYPES = [
    ("nghi-quyet-qppl", "Nghị quyết (quy phạm pháp luật)", "NQ"),
    ("quyet-dinh-qppl", "Quyết định (quy phạm pháp luật)", "QĐ"),
]


class DocumentType(models.Model):
    """One type of document; ``legal_normative`` types (a QPPL resolution or decision) get their own series."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("type name"), max_length=100)  # App. VI TypeName String 100
    abbreviation = models.CharField(_("abbreviation"), max_length=10, blank=True)
    legal_normative = models.BooleanField(_("legal normative document"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Urgency(models.IntegerChoices):
    """App. VI Priority (Number 1); the three stamps of Appendix I."""

    NORMAL = 0, _("Normal")
    URGENT = 1, _("Urgent (KHẨN)")
    VERY_URGENT = 2, _("Very urgent (THƯỢNG KHẨN)")
    FLASH = 3, _("Flash (HỎA TỐC)")


class Secrecy(models.IntegerChoices):
    NONE = 0, _("Not secret")
    SECRET = 1, _("Secret (MẬT)")
    TOP_SECRET = 2, _("Top secret (TỐI MẬT)")
    ABSOLUTE = 3, _("Absolutely secret (TUYỆT MẬT)")


class Medium(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic")
    PAPER = "paper", _("Paper")
