"""The demo logins: their password, and the table the commands print."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from trepart.demo.models import DemoInfo
from trepart.demo.seats import LOGINS
from trepart.organisation.models import Municipality, Person

# Short, common words: a password a newcomer can read off the screen and type.
WORDS = (
    "eik",
    "fjord",
    "torg",
    "bro",
    "lys",
    "sol",
    "bjerk",
    "elv",
    "fjell",
    "hav",
    "skog",
    "vik",
    "strand",
    "dal",
    "stein",
    "sno",
    "vind",
    "regn",
    "mose",
    "lyng",
    "furu",
    "gran",
    "rogn",
    "hegg",
    "osp",
    "lind",
    "alm",
    "hassel",
    "sild",
    "laks",
    "torsk",
    "ørret",
)

DESCRIPTIONS = {
    "admin": "municipal administrator",
    "ordforer": "mayor: chairs the council, the joint committee (money cases), the tripartite body",
    "kommunedirektor": "chief executive: in the tripartite body and the joint committee",
    "personalsjef": "HR chief: chairs the coordination group, which advises on money cases",
    "hovedtillitsvalgt": "chief union rep: in the tripartite body and the joint committee",
    "hovedverneombud": "chief safety representative",
    "leder": "unit leader: chairs the unit's LMU",
    "tillitsvalgt": "union representative in the same LMU",
    "verneombud": "safety representative in the same LMU",
    "ansatt": "employee of the same unit",
    "overtallig": "redundant after a reorganisation: sees their own case in the stillingsbank",
}


def demo_password() -> str:
    """The configured demo password, or a new readable one (four words and two digits)."""
    if settings.TREPART_DEMO_PASSWORD:
        return settings.TREPART_DEMO_PASSWORD
    words = [secrets.choice(WORDS) for _ in range(4)]
    return "-".join([*words, f"{secrets.randbelow(90) + 10}"])


def logins_text(municipality: Municipality) -> str:
    """The logins and their password, as the commands print them."""
    info = DemoInfo.objects.filter(municipality=municipality).first()
    users = {
        user.username: user
        for user in get_user_model().objects.filter(municipality=municipality, username__in=LOGINS)
    }
    people = {
        person.user_id: person
        for person in Person.objects.filter(user__in=users.values()).select_related("unit")
    }
    lines = [f"Demo logins for {municipality.name}:"]
    for username in LOGINS:
        user = users.get(username)
        if user is None:
            continue
        person = people.get(user.pk)
        who = person.full_name if person else user.get_full_name()
        where = f", {person.unit.name}" if person and person.unit else ""
        lines.append(f"  {username:<18} {who}{where}: {DESCRIPTIONS[username]}")
    if info is not None:
        lines.append(f"Password for all of them: {info.password}")
    return "\n".join(lines)
