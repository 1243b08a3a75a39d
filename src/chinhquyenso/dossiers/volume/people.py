"""Synthetic Vietnamese applicants: names, citizen IDs, phones, e-mails and addresses, from built-in lists.

Frequencies are rough public figures (Nguyễn is carried by almost four in ten people); nothing here is a real
person. Every choice draws from the ``random.Random`` the caller passes, so a seed gives the same people.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

# (family name, weight in ‰)
FAMILY_NAMES = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 35),
    ("Huỳnh", 15),
    ("Phan", 45),
    ("Vũ", 25),
    ("Võ", 14),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Trịnh", 12),
    ("Lò", 3),
    ("Mai", 6),
    ("Đào", 6),
    ("Đinh", 7),
    ("Lương", 5),
    ("Cao", 4),
    ("Hà", 5),
    ("Tạ", 2),
    ("Quách", 2),
    ("Lại", 2),
    ("Tống", 2),
    ("Vương", 2),
    ("Chu", 2),
]
MALE_MIDDLE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Đình", "Xuân", "Ngọc", "Thanh", "Công", "Tiến"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Kim", "Bảo", "Diệu"]
MALE_GIVEN = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
    "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
]  # fmt: skip
FEMALE_GIVEN = [
    "An", "Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huyền",
    "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
    "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
]  # fmt: skip
# Hamlets and villages of the Thanh Hóa midlands and plain; numbered ones are the most common form.
VILLAGES = [
    "Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8", "Thôn 9", "Thôn 10",
    "Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Thôn Phú Xá", "Thôn Yên Trường",
    "Thôn Thịnh Mỹ", "Thôn Cao Phong", "Thôn Phúc Lâm", "Thôn Hạnh Phúc", "Thôn Xuân Lai", "Thôn Đồng Lạc",
    "Thôn Lam Vinh", "Thôn Bái Thượng", "Thôn Kim Sơn", "Thôn Mỹ Hạnh", "Thôn Tân Lập", "Thôn Quần Thanh",
    "Làng Đại Khánh", "Làng Trung Lập", "Làng Quảng Xá", "Làng Thọ Hạc", "Khu phố 1", "Khu phố 2",
    "Khu phố 3", "Khu phố Lê Lai", "Khu phố Bà Triệu", "Khu phố Lam Sơn", "Tiểu khu 4",
]  # fmt: skip
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
                   "081", "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078",
                   "079", "089", "090", "093", "056", "058", "059", "099"]  # fmt: skip
MAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "thanhhoa.gov.vn"]
THANH_HOA = "038"  # province part of the 12-digit citizen ID


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    id_number: str
    phone: str
    email: str
    address: str


def ascii_fold(text: str) -> str:
    """``Nguyễn Văn Đức`` → ``Nguyen Van Duc``: for e-mail local parts."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class PeopleFactory:
    def __init__(self, rng: random.Random, places: list[str]):
        """``places`` are ``"xã …, tỉnh …"`` tails of addresses; the hamlet is drawn in front of one."""
        self.rng = rng
        self.places = places or ["tỉnh Thanh Hóa"]
        self._family = [name for name, _ in FAMILY_NAMES]
        self._family_cum = list(accumulate(w for _, w in FAMILY_NAMES))

    def full_name(self, *, female: bool | None = None) -> str:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.5
        family = rng.choices(self._family, cum_weights=self._family_cum)[0]
        if female:
            middle, given = rng.choice(FEMALE_MIDDLE), rng.choice(FEMALE_GIVEN)
        else:
            middle, given = rng.choice(MALE_MIDDLE), rng.choice(MALE_GIVEN)
        if rng.random() < 0.12:  # a second middle name: Nguyễn Thị Thu Hà
            middle += " " + rng.choice(FEMALE_MIDDLE[4:] if female else MALE_MIDDLE[3:])
        return f"{family} {middle} {given}"

    def id_number(self, *, female: bool, birth_year: int) -> str:
        # 12-digit CCCD: province, century-and-sex digit, two digits of the birth year, six random digits.
        century = 0 if birth_year < 2000 else 2
        return f"{THANH_HOA}{century + int(female)}{birth_year % 100:02d}{self.rng.randrange(1_000_000):06d}"

    def phone(self) -> str:
        return f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10_000_000):07d}"

    def address(self) -> str:
        return f"{self.rng.choice(VILLAGES)}, {self.rng.choice(self.places)}"

    def person(self) -> Person:
        rng = self.rng
        female = rng.random() < 0.52
        name = self.full_name(female=female)
        birth_year = rng.randint(1950, 2006)
        email = ""
        if rng.random() < 0.3:
            words = ascii_fold(name).lower().split()
            email = f"{words[-1]}.{''.join(w[0] for w in words[:-1])}{birth_year % 100:02d}@{rng.choice(MAIL_DOMAINS)}"
        return Person(
            name=name,
            id_number=self.id_number(female=female, birth_year=birth_year),
            phone=self.phone(),
            email=email,
            address=self.address(),
        )
