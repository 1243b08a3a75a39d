"""The pages FakeVNeID shows in the browser: the person chooser and error pages, plain HTML marked as a test
provider so nobody mistakes it for the real one."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chinhquyenso.identity.fake_vneid import FakeClient

_STYLE = """
body{margin:0;font:16px/1.5 Arial,sans-serif;color:#1b1f24;background:#f4f6f8}
.test{background:#fff3cd;color:#5c4400;border-bottom:3px solid #d29922;padding:.75rem 1rem;font-weight:700}
header{background:#c8102e;color:#fff;padding:1rem}header h1{margin:0;font-size:1.25rem}
main{max-width:30rem;margin:0 auto;padding:1rem}
fieldset{border:1px solid #d0d7de;border-radius:8px;background:#fff;padding:.5rem 1rem;margin:0 0 1rem}
legend{font-weight:700;padding:0 .25rem}
label.person{display:flex;gap:.75rem;align-items:flex-start;padding:.75rem 0;border-bottom:1px solid #eaeef2}
label.person:last-of-type{border-bottom:0}label.person input{width:1.4rem;height:1.4rem;margin-top:.2rem}
.muted{color:#57606a;font-size:.9rem}.error{color:#b3261e;font-weight:700}
button{width:100%;min-height:48px;font-size:1rem;border-radius:6px;margin-bottom:.5rem;cursor:pointer}
.allow{background:#c8102e;color:#fff;border:0}.deny{background:#fff;color:#c8102e;border:1px solid #c8102e}
"""


def _shell(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · FakeVNeID (thử nghiệm)</title><style>{_STYLE}</style></head>
<body><p class="test" role="note">MÔI TRƯỜNG THỬ NGHIỆM — FakeVNeID là nhà cung cấp định danh giả lập để kiểm thử,
không phải VNeID thật. Không nhập thông tin thật.</p>
<header><h1>{html.escape(title)}</h1></header><main>{body}</main></body></html>"""


def error_page(message: str) -> str:
    return _shell("Yêu cầu đăng nhập không hợp lệ", f'<p class="error" role="alert">{html.escape(message)}</p>')


def _mask(number: str) -> str:
    return number[:3] + "******" + number[-3:]


def choose_page(client: FakeClient, params: dict[str, str], persons, *, missing: bool = False) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(params.get(name, ""))}">'
        for name in (
            "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge",
            "code_challenge_method",
        )
    )  # fmt: skip
    choices = "".join(
        f'<label class="person"><input type="radio" name="person" value="{html.escape(p.sub)}"'
        f"{' checked' if i == 0 else ''}><span><strong>{html.escape(p.name)}</strong><br>"
        f'<span class="muted">Số định danh {html.escape(_mask(p.sub))} · sinh {html.escape(p.birthdate)}</span>'
        f"</span></label>"
        for i, p in enumerate(persons)
    )
    warning = '<p class="error" role="alert">Hãy chọn một tài khoản định danh.</p>' if missing else ""
    body = f"""<p><strong>{html.escape(client.name)}</strong> yêu cầu đăng nhập bằng tài khoản định danh điện tử
và được đọc họ tên, số định danh cá nhân, ngày sinh, địa chỉ.</p>{warning}
<form method="post" action="authorize">{hidden}
<fieldset><legend>Chọn tài khoản định danh</legend>{choices}</fieldset>
<button class="allow" type="submit" name="decision" value="allow">Đồng ý và đăng nhập</button>
<button class="deny" type="submit" name="decision" value="deny">Hủy</button>
</form>"""
    return _shell("Chọn tài khoản định danh", body)


# --- serving -----------------------------------------------------------------------------------------------------
