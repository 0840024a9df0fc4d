"""A catalogue of mistakes maintainers make, each with the exact message `validate` prints.

Every message names the file, line, column and field, says what is wrong and how to fix
it. The expected text is written out in full so that a change in wording is a reviewed
change, not an accident.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_clean_failure, run_cli, snapshot
from generator.annotations import github_annotations
from generator.cli import main
from generator.clock import latest_today
from generator.errors import ContentIssue

W = "concerns/weak-safeguards.yml"
CATALOGUE = [
    (
        "misspelt field",
        W,
        "summary:",
        "sumary:",
        [
            f"{W}:2:1: summary: required field 'summary' is missing. Hint: add a line such as "
            "summary: Authorities could read stored data without a judge's approval.",
            f"{W}:4:1: sumary: unknown field 'sumary'. Hint: did you mean 'summary'?",
        ],
    ),
    (
        "words for a number",
        W,
        "order: 10",
        "order: ten",
        [
            f"{W}:5:1: order: must be a whole number (got 'ten'). "
            "Hint: write digits only, for example order: 10"
        ],
    ),
    (
        "misspelt choice",
        W,
        "status: not-addressed",
        "status: not-adressed",
        [
            f"{W}:19:3: assessment.status: must be one of: not-addressed, partly-addressed, "
            "addressed, not-yet-assessed (got 'not-adressed'). Hint: did you mean 'not-addressed'?"
        ],
    ),
    (
        "choice not in the list",
        "articles.yml",
        "confirmation: reported",
        "confirmation: maybe",
        [
            "articles.yml:6:5: articles[0].confirmation: must be one of: confirmed, reported, "
            "unconfirmed (got 'maybe'). Hint: write one of them exactly as shown."
        ],
    ),
    (
        "slug with capitals and underscore",
        W,
        "slug: weak-safeguards",
        "slug: Weak_Safeguards",
        [
            f"{W}:2:1: slug: is not a valid slug (got 'Weak_Safeguards'). Hint: use lowercase "
            "letters, digits and single hyphens, e.g. 'weak-safeguards'."
        ],
    ),
    (
        "article number that does not exist",
        W,
        "  - article: 5",
        "  - article: 6",
        [
            f"{W}:7:5: articles[0]: no article '6' in articles.yml. "
            "Hint: did you mean '5'? Known values: 5, 9."
        ],
    ),
    (
        "misspelt source id",
        W,
        "sources: [test-source]\nassessment",
        "sources: [test-sorce]\nassessment",
        [
            f"{W}:17:11: sources[0]: no source 'test-sorce' exists. "
            "Hint: did you mean 'test-source'?"
        ],
    ),
    (
        "source id nothing like a known one",
        W,
        "sources: [test-source]\nassessment",
        "sources: [un-press-release]\nassessment",
        [
            f"{W}:17:11: sources[0]: no source 'un-press-release' exists. "
            "Hint: known values: second-source, test-source."
        ],
    ),
    (
        "recommendation in American spelling",
        W,
        "fixes: [judicial-authorisation,",
        "fixes: [judicial-authorization,",
        [
            f"{W}:14:9: fixes[0]: no recommendation 'judicial-authorization' in "
            "recommendations.yml. Hint: did you mean 'judicial-authorisation'?"
        ],
    ),
    (
        "related concern misspelt",
        W,
        "related: [secret-interception]",
        "related: [secret-intercept]",
        [
            f"{W}:15:11: related[0]: no other concern 'secret-intercept' exists. "
            "Hint: did you mean 'secret-interception'?"
        ],
    ),
    (
        "section left out",
        W,
        "  who_is_affected: Journalists, activists, everyone.\n",
        "",
        [
            f"{W}:9:1: sections.who_is_affected: required field 'who_is_affected' is missing. "
            "Hint: add a line such as who_is_affected: Everyone whose data is stored."
        ],
    ),
    (
        "http link",
        "sources.yml",
        "url: https://test.example.org/source",
        "url: http://test.example.org/source",
        [
            "sources.yml:7:5: sources[0].url: must be a full https:// address (http, javascript: "
            "and relative links are not allowed) (got 'http://test.example.org/source'). "
            "Hint: use 'https://test.example.org/source' if the site offers it."
        ],
    ),
    (
        "a day that does not exist",
        W,
        "last_reviewed: 2026-11-20",
        "last_reviewed: 2026-02-30",
        [
            f"{W}:27:16: last_reviewed: '2026-02-30' is not a valid date (day is out of range "
            "for month). Hint: write dates as YYYY-MM-DD, e.g. 2024-12-24."
        ],
    ),
    (
        "date written day first",
        W,
        "last_reviewed: 2026-11-20",
        "last_reviewed: 20/11/2026",
        [
            f"{W}:27:1: last_reviewed: must be a date written YYYY-MM-DD (got '20/11/2026'). "
            "Hint: year, month and day with hyphens, for example last_reviewed: 2026-11-20"
        ],
    ),
    (
        "tab instead of spaces",
        W,
        "  - article: 5",
        "\t- article: 5",
        [
            f"{W}:7:1: articles[0].article: YAML syntax error: a tab character here, where YAML "
            "reads only spaces as indentation. Hint: indent with spaces, not tabs."
        ],
    ),
    (
        "colon inside unquoted text",
        W,
        "title: Weak safeguards",
        "title: Weak: safeguards",
        [
            f"{W}:3:12: title: YAML syntax error: a second ': ' on this line, which YAML cannot "
            "read as part of the text. Hint: put quotes around text that contains ': '."
        ],
    ),
    (
        "empty list where one item is needed",
        W,
        "fixes: [judicial-authorisation, notify-people]",
        "fixes: []",
        [
            f"{W}:14:1: fixes: needs at least 1 item. "
            "Hint: add one, for example fixes: [judicial-authorisation]"
        ],
    ),
    (
        "yes read as true",
        W,
        "title: Weak safeguards",
        "title: yes",
        [
            f"{W}:3:1: title: must be text, but YAML reads the unquoted word yes as true (yes, "
            "no, on, off, true and false all mean true or false to it). "
            'Hint: put it in double quotes, "yes", so that it stays text.'
        ],
    ),
    (
        "block text in a one-line field",
        W,
        "summary: The safeguards",
        "summary: |\n  The\n  safeguards",
        [
            f"{W}:4:1: summary: must fit on one line (got 'The\\nsafeguards article leaves out "
            "key protections.\\n'). Hint: write it on one line, without '|' or '>'."
        ],
    ),
    (
        "value left empty",
        W,
        "last_reviewed: 2026-11-20",
        "last_reviewed:",
        [
            f"{W}:27:1: last_reviewed: has no value. "
            "Hint: write a value after the colon, for example last_reviewed: 2026-11-20"
        ],
    ),
    (
        "duplicate key",
        W,
        "order: 10\n",
        "order: 10\ntitle: Again\n",
        [
            f"{W}:6:1: title: duplicate key 'title' (first set on line 3). "
            "Hint: keep one of the two and delete the other."
        ],
    ),
    (
        "tag with a space",
        W,
        "tags: [safeguards]",
        "tags: [Safe Guards]",
        [
            f"{W}:16:8: tags[0]: is not a valid slug (got 'Safe Guards'). "
            "Hint: use lowercase letters, digits and single hyphens, e.g. 'safe-guards'."
        ],
    ),
    (
        "the same recommendation id twice",
        "recommendations.yml",
        "        text: Notify people once it no longer harms the investigation.\n",
        "        text: Notify people once it no longer harms the investigation.\n"
        "      - id: judicial-authorisation\n        title: Again\n        text: Again.\n",
        [
            "recommendations.yml:17:9: groups[0].recommendations[2].id: duplicate recommendation "
            "id 'judicial-authorisation'. Hint: give each recommendation its own id.",
        ],
    ),
    (
        "a list where the fields should be",
        W,
        "slug: weak-safeguards",
        "- slug: weak-safeguards",
        [
            f"{W}:3:1: title: YAML syntax error: this line does not line up with the fields around "
            "it. Hint: start this line in the same column as the fields around it, with spaces.",
        ],
    ),
    (
        "a month at the end of the calendar",
        "countries.yml",
        "date: 2025-02-03",
        "date: 9999-12",
        [
            "countries.yml:32:9: countries[2].actions[1].date: 9999-12 is in the future "
            "(today is <today>). Hint: record an action once it has happened.",
        ],
    ),
    (
        "entry into force centuries away",
        "campaign.yml",
        "days_to_entry_into_force: 90",
        "days_to_entry_into_force: 90000",
        [
            "campaign.yml:23:5: treaty.calendar.days_to_entry_into_force: must be 3650 or less "
            "(got 90000). Hint: write, for example days_to_entry_into_force: 90",
        ],
    ),
    (
        "reviewed in the future",
        W,
        "last_reviewed: 2026-11-20",
        "last_reviewed: 2099-11-20",
        [
            f"{W}:27:1: last_reviewed: 2099-11-20 is in the future (today is <today>). "
            "Hint: write the day someone last checked this concern against its sources.",
        ],
    ),
    (
        "status checked in the future",
        "campaign.yml",
        "status_as_of: 2026-11-20",
        "status_as_of: 2099-01-01",
        [
            "campaign.yml:16:3: treaty.status_as_of: 2099-01-01 is in the future (today is "
            "<today>). Hint: write the day the treaty's status was last checked.",
        ],
    ),
    (
        "source published in the future",
        "sources.yml",
        "date: 2022-08-30",
        "date: 2099-08",
        [
            "sources.yml:11:5: sources[1].date: 2099-08 is in the future (today is <today>). "
            "Hint: write the day the source was published, as the source gives it.",
        ],
    ),
    (
        "a concern related to itself",
        W,
        "related: [secret-interception]",
        "related: [weak-safeguards]",
        [
            f"{W}:15:11: related[0]: a concern cannot be related to itself. "
            "Hint: delete this slug from related; list other concerns only.",
        ],
    ),
    (
        "a related concern by its old slug",
        "concerns/secret-interception.yml",
        "sources:",
        "related: [old-safeguards]\nsources:",
        [
            "concerns/secret-interception.yml:15:11: related[0]: 'old-safeguards' is an old slug "
            "of 'weak-safeguards'. Hint: write its slug now: weak-safeguards.",
        ],
    ),
    (
        "the slug itself as an alias",
        W,
        "aliases: [old-safeguards]",
        "aliases: [old-safeguards, weak-safeguards]",
        [
            f"{W}:28:27: aliases[1]: 'weak-safeguards' is this concern's own slug, not an old "
            "one. Hint: aliases lists only the slugs the concern had before; delete this one.",
        ],
    ),
    (
        "an alias twice",
        W,
        "aliases: [old-safeguards]",
        "aliases: [old-safeguards, old-safeguards]",
        [
            f"{W}:28:27: aliases[1]: 'old-safeguards' is listed twice in aliases. "
            "Hint: keep the first and delete this one.",
        ],
    ),
    (
        "an invisible character pasted in",
        W,
        "title: Weak safeguards",
        "title: Weak\x07 safeguards",
        [
            f"{W}:3:12: the file contains an invisible control character (U+0007) that YAML "
            "does not allow. Hint: delete it: such characters come with text pasted from a "
            "PDF, a word processor or a web page; if you cannot see it, retype the word around "
            "this column.",
        ],
    ),
    (
        "a merge conflict left in",
        W,
        "order: 10\n",
        "<<<<<<< HEAD\norder: 10\n=======\norder: 20\n>>>>>>> topic\n",
        [
            f"{W}:{line}:1: a merge conflict marker was left in the file. Hint: keep the lines "
            "you want from each side and delete every <<<<<<<, ======= and >>>>>>> line."
            for line in (5, 7, 9)
        ],
    ),
    (
        "a tag on a list",
        W,
        "tags: [safeguards]",
        "tags: !!python/object:os.system [safeguards]",
        [
            f"{W}:16:7: tags: the YAML tag '!!python/object:os.system' is not allowed in "
            "content files. Hint: remove the tag (the text from '!' to the next space).",
        ],
    ),
    (
        "an anchor to repeat a value",
        W,
        "fixes: [judicial-authorisation, notify-people]\nrelated: [secret-interception]",
        "fixes: &f [judicial-authorisation, notify-people]\nrelated: *f",
        [
            f"{W}:15:10: related: YAML syntax error: anchors and aliases (&name, *name) are not "
            "allowed in content files. Hint: write the value out in full in each place that "
            "needs it.",
        ],
    ),
    (
        "a second document",
        W,
        "order: 10\n",
        "order: 10\n---\n",
        [
            f"{W}:6:1: YAML syntax error: a line '---' here starts a second document. Hint: a "
            "content file has one document: delete the line '---'.",
        ],
    ),
    (
        "mailto: in an email field",
        "campaign.yml",
        "email: team@test.example.org",
        "email: mailto:team@test.example.org",
        [
            "campaign.yml:9:5: site.contact.email: must be the address alone, without "
            "'mailto:' (got 'mailto:team@test.example.org'). Hint: write it like this: "
            "email: team@treaty-campaign.example.org",
        ],
    ),
    (
        "a password in the site's address",
        "campaign.yml",
        "url: https://test.example.org",
        "url: https://editor:secret@test.example.org",
        [
            "campaign.yml:6:3: site.url: must not contain a user name or password: every page "
            "would publish them (got 'https://editor:secret@test.example.org'). "
            "Hint: write it like this: url: https://treaty.example.org",
        ],
    ),
    (
        "the same glossary term id twice",
        "glossary.yml",
        "    definition: Listening in on communications as they happen.\n",
        "    definition: Listening in on communications as they happen.\n"
        "  - id: interception\n    term: Lawful interception\n    definition: Again.\n",
        [
            "glossary.yml:6:5: terms[1].id: duplicate term id 'interception' (first used on "
            "line 3). Hint: give each term its own id, or merge the two entries into one.",
        ],
    ),
    (
        "a source of countries.yml with the id of one in sources.yml",
        "countries.yml",
        "note: A few entries used by the tests.\n",
        "note: A few entries used by the tests.\nsources:\n  - id: test-source\n"
        "    title: Treaty status\n    publisher: UN\n    date: 2024-07\n"
        "    url: https://test.example.org/status\n",
        [
            "countries.yml:7:5: sources[0].id: source id 'test-source' is already defined in "
            "sources.yml on line 3. Hint: if both are the same source, delete this one and cite "
            "the one in sources.yml; otherwise give this one another id.",
        ],
    ),
    (
        "the same source twice in countries.yml",
        "countries.yml",
        "note: A few entries used by the tests.\n",
        "note: A few entries used by the tests.\nsources:\n"
        + "  - id: un-status\n    title: Treaty status\n    publisher: UN\n"
        "    date: 2024-07\n    url: https://test.example.org/status\n" * 2,
        [
            "countries.yml:12:5: sources[1].id: source id 'un-status' is already defined on "
            "line 7 above. Hint: if both are the same source, delete this one; otherwise give "
            "this one another id.",
        ],
    ),
    (
        "the same article twice in a concern",
        W,
        "  - article: 5\n",
        '  - article: 5\n    paragraph: "2"\n  - article: 9\n  - article: 5\n'
        '    paragraph: "2"\n  - article: 5\n',
        [
            f"{W}:10:5: articles[2]: article 5, paragraph 2, is listed twice in articles (first "
            "on line 7). Hint: keep the first and delete this one.",
        ],
    ),
    (
        "the same tag twice",
        W,
        "tags: [safeguards]",
        "tags: [safeguards, judges, safeguards]",
        [
            f"{W}:16:28: tags[2]: 'safeguards' is listed twice in tags. "
            "Hint: keep the first and delete this one.",
        ],
    ),
    (
        "the same related concern twice",
        W,
        "related: [secret-interception]",
        "related:\n  - secret-interception\n  - secret-interception",
        [
            f"{W}:17:5: related[1]: 'secret-interception' is listed twice in related (first "
            "on line 16). Hint: keep the first and delete this one.",
        ],
    ),
    (
        "an event that ends before it begins",
        "timeline.yml",
        "end_date: 2022-06",
        "end_date: 2022-04-30",
        [
            "timeline.yml:8:5: events[1].end_date: 2022-04-30 is before the event's date "
            "(2022-05). Hint: write the day the event ended, on or after its date; for an event "
            "of one day, delete end_date.",
        ],
    ),
    (
        "a misspelt source in an event that is not the earliest",
        "timeline.yml",
        "sources: [test-source]",
        "sources: [test-sorce]",
        [
            # events are listed by date on the page, but the issue is where the file has it
            "timeline.yml:6:15: events[0].sources[0]: no source 'test-sorce' exists. "
            "Hint: did you mean 'test-source'?",
        ],
    ),
    (
        "no read as false in a list of choices",
        W,
        "status: not-addressed",
        "status: no",
        [
            f"{W}:19:3: assessment.status: must be one of: not-addressed, partly-addressed, "
            "addressed, not-yet-assessed (got no, which YAML reads as false). "
            "Hint: write one of them exactly as shown."
        ],
    ),
    (
        "yes where a number belongs",
        W,
        "order: 10",
        "order: yes",
        [
            f"{W}:5:1: order: must be a whole number (got yes, which YAML reads as true). "
            "Hint: write it like this: order: 10"
        ],
    ),
    (
        "a choice left as ~",
        W,
        "status: not-addressed",
        "status: ~",
        [
            f"{W}:19:3: assessment.status: has no value. "
            "Hint: write a value after the colon, for example status: not-addressed"
        ],
    ),
    (
        "a date where text belongs",
        W,
        "title: Weak safeguards",
        "title: 2024-08-08",
        [
            f"{W}:3:1: title: must be text, but YAML reads the unquoted 2024-08-08 as a date. "
            'Hint: put it in double quotes, "2024-08-08", so that it stays text.'
        ],
    ),
    (
        "on in a list of words",
        W,
        "tags: [safeguards]",
        "tags: [safeguards, on]",
        [
            f"{W}:16:20: tags[1]: must be text, but YAML reads the unquoted word on as true (yes, "
            "no, on, off, true and false all mean true or false to it). "
            'Hint: put it in double quotes, "on", so that it stays text.'
        ],
    ),
    (
        "empty quotes",
        W,
        "title: Weak safeguards",
        'title: ""',
        [
            f"{W}:3:1: title: must not be empty. "
            "Hint: write some text, for example title: Access without a judge"
        ],
    ),
    (
        "a language code nobody knows",
        "campaign.yml",
        "  name: Test campaign\n",
        "  name: Test campaign\n  language: qq\n",
        [
            "campaign.yml:4:3: site.language: 'qq' is not a language code the generator knows. "
            "Hint: use an ISO 639 language code such as 'en', 'fr', 'ar' or 'pt-BR'."
        ],
    ),
    (
        "a tag the reader cannot make sense of",
        W,
        "title: Weak safeguards",
        "title: !foo Weak safeguards",
        [
            f"{W}:3:8: title: the YAML tag '!foo' is not allowed in content files. "
            "Hint: remove the tag (the text from '!' to the next space)."
        ],
    ),
    (
        "a quote never closed",
        W,
        "title: Weak safeguards",
        'title: "Weak safeguards',
        [
            f'{W}:3:8: title: YAML syntax error: the text opened with " here has no closing " on '
            'this line. Hint: end it with " on the same line (write \\" for a " inside the text).'
        ],
    ),
    (
        "a quote closed by the next one, lines below",
        W,
        "title: Weak safeguards\nsummary: The safeguards article leaves out key protections."
        "\norder: 10",
        "title: 'Weak safeguards\nsummary: The safeguards article leaves out key protections."
        "\norder: '10'",
        [
            f"{W}:3:8: title: YAML syntax error: the text opened with ' here has no closing ' on "
            "this line. Hint: end it with ' on the same line (write '' for an apostrophe)."
        ],
    ),
    (
        "an apostrophe in single quotes",
        W,
        "title: Weak safeguards",
        "title: 'People's safeguards'",
        [
            f"{W}:3:15: title: YAML syntax error: the apostrophe here ends the quoted text early. "
            "Hint: inside '...' write an apostrophe twice (''), or put the text in double quotes."
        ],
    ),
    (
        "no space after the colon",
        W,
        "order: 10",
        "order:30",
        [
            f"{W}:5:1: order: YAML syntax error: 'order:30' has no space after the colon, so YAML "
            "does not read 'order' as a field. Hint: add a space after the colon: order: 30"
        ],
    ),
    (
        "no space after the colon, indented",
        W,
        "  status: not-addressed",
        "  status:not-addressed",
        [
            f"{W}:19:3: assessment.status: YAML syntax error: 'status:not-addressed' has no space "
            "after the colon, so YAML does not read 'status' as a field. "
            "Hint: add a space after the colon: status: not-addressed"
        ],
    ),
    (
        "no colon after a field's name",
        W,
        "order: 10",
        "order 10",
        [
            f"{W}:5:1: order: YAML syntax error: 'order 10' has no ':' after 'order', so YAML "
            "does not read it as a field. Hint: add ':' after the field's name: order: 10"
        ],
    ),
    (
        "no colon after a field's name, before a field less indented",
        W,
        "    note: Numbered as in the draft.",
        "    note Numbered as in the draft.",
        [
            f"{W}:8:5: articles[0].note: YAML syntax error: 'note Numbered as in the draft.' has "
            "no ':' after 'note', so YAML does not read it as a field. Hint: add ':' after the "
            "field's name: note: Numbered as in the draft."
        ],
    ),
    (
        "no colon after the name of a list",
        W,
        "articles:",
        "articles",
        [
            f"{W}:6:1: articles: YAML syntax error: 'articles' has no ':' after 'articles', so "
            "YAML does not read it as a field. Hint: add ':' after the field's name: articles:"
        ],
    ),
    (
        "a Markdown link whose address has a space",
        W,
        "  why_it_matters: For example,",
        "  why_it_matters: See [the report](https://example.org/my report). For example,",
        [
            f"{W}:11:23: sections.why_it_matters: '[the report](https://example.org/my report)' "
            "would be shown as these very characters: the address has a space in it, so it is "
            "not read as a link. Hint: write each space in the address as %20: "
            "https://example.org/my%20report."
        ],
    ),
    (
        # Unseen, it would keep the word from being found; an override reorders what is shown.
        "invisible characters pasted into a text",
        W,
        "summary: ",
        "summary: Zero\u200bwidth \u202eevil ",
        [
            f"{W}:4:14: summary: the text contains an invisible character, U+200B (zero width "
            "space). Hint: delete it: it comes with text pasted from a PDF, a word processor or "
            "a web page; if your editor does not show it, retype the word at this column.",
            f"{W}:4:21: summary: the text contains an invisible character, U+202E (right-to-left "
            "override). Hint: delete it: it comes with text pasted from a PDF, a word processor "
            "or a web page; if your editor does not show it, retype the word at this column.",
        ],
    ),
    (
        # Quoting, the cure for a second ': ' in a text, would publish the field as text.
        "field indented under a one-line value",
        "timeline.yml",
        "    confirmation: confirmed\n    sources: [test-source]\n",
        "    confirmation: confirmed\n      sources: [test-source]\n",
        [
            "timeline.yml:6:7: events[0].sources: YAML syntax error: 'sources:' is indented "
            "further than 'confirmation:' on line 5, so YAML reads it as more of that field's "
            "value. Hint: move 'sources:' left to column 5, in line with 'confirmation:'."
        ],
    ),
    (
        # The mark tells readers a source stands behind the claim.
        "a confirmed event without a source",
        "timeline.yml",
        "    confirmation: confirmed\n    sources: [test-source]\n",
        "    confirmation: confirmed\n",
        [
            "timeline.yml:5:5: events[0].confirmation: is marked confirmed, but names no "
            "source. Hint: add a line 'sources: [...]' with the id, in sources.yml, of the "
            "source that confirms it; or mark it unconfirmed."
        ],
    ),
    (
        # %20 would make a link, to an address that does not exist.
        "an email link whose address has a space",
        W,
        "  why_it_matters: For example,",
        "  why_it_matters: Write to [us](mailto:team at example.org). For example,",
        [
            f"{W}:11:28: sections.why_it_matters: '[us](mailto:team at example.org)' would be "
            "shown as these very characters: the address has a space in it, so it is not read "
            "as a link. Hint: an email address has no spaces: write it exactly as you would "
            "send to it."
        ],
    ),
    (
        "a Markdown link with a space between ] and (",
        W,
        "  why_it_matters: For example,",
        "  why_it_matters: See [the report] (https://example.org/r). For example,",
        [
            f"{W}:11:23: sections.why_it_matters: '[the report] (https://example.org/r)' would be "
            "shown as these very characters: there is a space between ] and (, so it is not read "
            "as a link. Hint: remove the space: [the report](https://example.org/r)."
        ],
    ),
    (
        "a Markdown link without https://",
        W,
        "  why_it_matters: For example,",
        "  why_it_matters: See [EFF](www.eff.org). For example,",
        [
            f"{W}:11:29: sections.why_it_matters: link 'www.eff.org' has no https:// in front, "
            "so it would lead to a page of this site. Hint: write 'https://www.eff.org'."
        ],
    ),
    (
        "a value that starts with a Markdown link, unquoted",
        W,
        "  why_it_matters: For example,",
        "  why_it_matters: [EFF](https://www.eff.org) says. For example,",
        [
            f"{W}:11:3: sections.why_it_matters: YAML syntax error: a value that starts with [ is "
            "read as a list, and this one starts with a Markdown link. Hint: put other words "
            'first, or quote the whole value: why_it_matters: "[...](...) ..." (write \\" for a '
            '" inside it).'
        ],
    ),
    (
        "no space after the colon in a list item",
        W,
        "  - article: 5\n    note: Numbered as in the draft.",
        "  - article:5",
        [
            f"{W}:7:5: articles[0]: must be a group of fields (got 'article:5'); without a space "
            "after the colon, YAML reads it as one word. Hint: add a space after the colon: "
            "article: 5"
        ],
    ),
    (
        "a list left open",
        W,
        "tags: [safeguards]",
        "tags: [safeguards",
        [
            f"{W}:16:7: tags: YAML syntax error: the [ here has no closing ] on this line. Hint: "
            "end the list with ] on the same line; or, to write one item per line, delete the [ "
            "and start each line with '- '."
        ],
    ),
    (
        "signature that opens before the treaty is adopted",
        "campaign.yml",
        "signature_opens: 2024-06-01",
        "signature_opens: 2023-06-01",
        [
            "campaign.yml:19:5: treaty.calendar.signature_opens: the treaty cannot open for "
            "signature before it is adopted (2024-01-01). Hint: check both dates against the "
            "source; a year typed wrong is the usual cause.",
        ],
    ),
    (
        "field at the wrong level",
        "campaign.yml",
        "about: This site",
        "  about: This site",
        [
            "campaign.yml:2:1: about: required field 'about' is missing. Hint: add a line such "
            "as about: We are a coalition of digital-rights groups.",
            "campaign.yml:39:3: home.about: unknown field 'about'. "
            "Hint: allowed fields here: intro, call_to_action.",
        ],
    ),
    (
        # Read as text, the line would be published and the sources lost, without an error.
        "field indented into the block text above it",
        W,
        "  evidence: As reported by Test Publisher.\n  sources: [test-source]",
        "  evidence: >-\n    As reported by Test Publisher.\n    sources: [test-source]",
        [
            f"{W}:22:5: assessment.evidence: 'sources:' is indented as part of the text of "
            "'evidence' (line 20), so it is read as text, not as the field 'sources'. Hint: move "
            "'sources:' left to column 3, in line with 'evidence:'; if the line is meant as "
            "text, reword it so that it does not start with 'sources:'."
        ],
    ),
    (
        # Said once: not also as a missing field.
        "required field indented into the block text above it",
        "timeline.yml",
        "    description: Talks went on.\n    confirmation: unconfirmed",
        "    description: |\n      Talks went on.\n      confirmation: unconfirmed",
        [
            "timeline.yml:12:7: events[1].description: 'confirmation:' is indented as part of "
            "the text of 'description' (line 10), so it is read as text, not as the field "
            "'confirmation'. Hint: move 'confirmation:' left to column 5, in line with "
            "'description:'; if the line is meant as text, reword it so that it does not start "
            "with 'confirmation:'."
        ],
    ),
]


def break_file(campaign: Path, file: str, old: str, new: str) -> None:
    path = campaign / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"), [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE]
)
def test_validate_prints_exactly(
    campaign: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    expected: list[str],
) -> None:
    break_file(campaign, file, old, new)
    assert main(["validate", "--content", str(campaign)]) == 1
    out = capsys.readouterr()
    count = len(expected)
    footer = f"{count} error{'s' if count != 1 else ''} found; nothing was built."
    today = latest_today().isoformat()  # what "in the future" is measured by
    assert out.err.splitlines() == [*(e.replace("<today>", today) for e in expected), footer]
    assert out.out == ""


def test_renamed_file_is_told_to_match_its_slug(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (campaign / W).rename(campaign / "concerns/weak.yml")
    assert main(["validate", "--content", str(campaign)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "concerns/weak.yml:2:1: slug: the file name does not match the slug 'weak-safeguards'. "
        "Hint: rename the file to concerns/weak-safeguards.yml."
    )


def test_a_duplicate_slug_is_told_to_take_its_file_name_not_to_rename_the_file(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Renaming the file after the slug it copied would overwrite the other concern."""
    break_file(
        campaign,
        "concerns/secret-interception.yml",
        "slug: secret-interception",
        "slug: weak-safeguards",
    )
    assert main(["validate", "--content", str(campaign)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == (
        "concerns/secret-interception.yml:2:1: slug: slug 'weak-safeguards' is already used by "
        f"{W}. Hint: each concern needs its own slug: to keep this file's name, write slug: "
        "secret-interception"
    )
    assert not any("rename the file" in line for line in errors)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "file is empty."), ("# glossary: to come\n\n# more\n", "file holds only comments.")],
)
def test_an_empty_file_says_an_optional_one_can_go(
    campaign: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (campaign / "glossary.yml").write_text(text, encoding="utf-8")
    assert main(["validate", "--content", str(campaign)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"glossary.yml:1:1: {message} Hint: copy an existing file of this kind as a start; a "
        "file the campaign may do without (glossary.yml, countries.yml) can be deleted instead."
    )


def test_github_format_annotates_the_file_in_the_repository(
    tmp_path: Path,
    campaign: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The campaign is a subfolder of the checkout: annotation paths include it."""
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    break_file(campaign, W, "order: 10", "order: ten")
    break_file(campaign, "sources.yml", "url: https://test.example.org/source", "url: http://x.org")
    assert main(["validate", "--content", str(campaign), "--format", "github"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "::error file=campaign/concerns/weak-safeguards.yml,line=5,col=1,title=order::"
        "must be a whole number (got 'ten'). Hint: write digits only, for example order: 10",
        "::error file=campaign/sources.yml,line=7,col=5,title=sources[0].url::"
        "must be a full https:// address (http, javascript: and relative links are not allowed)"
        " (got 'http://x.org'). Hint: use 'https://x.org' if the site offers it.",
    ]
    # The readable report still goes to the log.
    assert out.err.splitlines()[-1] == "2 errors found; nothing was built."


def test_github_format_escapes_what_would_end_the_command(tmp_path: Path) -> None:
    issue = ContentIssue("a,b:c.yml", 3, 4, "", "100% wrong\nreally", "fix, then: retry")
    [line] = github_annotations([issue], tmp_path, base=tmp_path)
    assert line == (
        "::error file=a%2Cb%3Ac.yml,line=3,col=4,title=Content error::"
        "100%25 wrong%0Areally Hint: fix, then: retry"
    )


def test_github_format_is_silent_when_content_is_valid(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--content", str(campaign), "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("OK: 2 concerns")


def validate_errors(campaign: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["validate", "--content", str(campaign)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    return out.err.splitlines()


def test_a_concern_saved_without_yml_is_not_lost(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub's "Create new file" takes any name: a concern without .yml used to vanish."""
    (campaign / W).rename(campaign / "concerns/weak-safeguards")
    (campaign / "concerns/README.md").write_text("Notes for editors.\n")
    for litter in (".DS_Store", "weak-safeguards.yml~", "4913", ".weak-safeguards.yml.swp"):
        (campaign / "concerns" / litter).write_bytes(b"\0")  # what editors leave: not content
    assert validate_errors(campaign, capsys) == [
        "concerns/weak-safeguards:1:1: is not read: only files whose name ends in .yml are "
        "read here. Hint: rename it to concerns/weak-safeguards.yml, or move it out of "
        "concerns/.",
        "1 error found; nothing was built.",
    ]


def test_a_translation_written_as_one_file_is_not_lost(
    multilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (multilingual / "translations/de.yml").write_text("site:\n  name: Testkampagne\n")
    assert validate_errors(multilingual, capsys) == [
        "translations/de.yml:1:1: is not read: a translation is a folder per language, not a "
        "file. Hint: put it in the language's folder with the English file's name, e.g. "
        "translations/de/campaign.yml.",
        "1 error found; nothing was built.",
    ]


def test_a_translated_concern_saved_without_yml_is_not_lost(
    multilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = multilingual / "translations/fr/concerns"
    (folder / "weak-safeguards.yml").rename(folder / "weak-safeguards.yml.txt")
    assert validate_errors(multilingual, capsys) == [
        "translations/fr/concerns/weak-safeguards.yml.txt:1:1: is not read: only files whose "
        "name ends in .yml are read here. Hint: rename it to "
        "translations/fr/concerns/weak-safeguards.yml, or move it out of "
        "translations/fr/concerns/.",
        "1 error found; nothing was built.",
    ]


def test_a_folder_where_a_file_belongs(campaign: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An optional file that is a folder used to be skipped without a word."""
    (campaign / "glossary.yml").unlink()
    (campaign / "glossary.yml").mkdir()
    assert validate_errors(campaign, capsys) == [
        "glossary.yml:1:1: is a folder, not a file. Hint: move what it holds elsewhere and put "
        "the file glossary.yml in its place.",
        "1 error found; nothing was built.",
    ]


def test_translations_that_is_a_file(campaign: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (campaign / "translations").write_text("fr\n")
    assert validate_errors(campaign, capsys) == [
        "translations:1:1: is a file; translations are a folder with one folder per language. "
        "Hint: rename it, then make translations/<lang>/ folders, e.g. translations/fr/ (see "
        "TRANSLATING.md).",
        "1 error found; nothing was built.",
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "translations/fr/countries.yml",
            "  - code: br",
            '  - code: "no"',
            # Two-letter codes all look alike: the country is named, no other code guessed.
            "translations/fr/countries.yml:<line>:5: countries[0].code: Norway ('no') has no "
            "entry in countries.yml. Hint: delete this item, or add it to countries.yml first.",
        ),
        (
            "translations/fr/glossary.yml",
            "  - id: ",
            "  - id: zzzz-nothing-like-it\n    term: x\n  - id: ",
            "translations/fr/glossary.yml:<line>:5: terms[0].id: no item with id "
            "'zzzz-nothing-like-it' in the English 'terms'. Hint: delete this item, or add it "
            "to glossary.yml first.",
        ),
        (
            # The English file's own rule, not "delete this item".
            "translations/fr/countries.yml",
            "  - code: br",
            "  - code: BR",
            "translations/fr/countries.yml:<line>:5: countries[0].code: no item with code 'BR' "
            "in the English 'countries'. Hint: write codes in lower case: 'br'.",
        ),
        (
            # The hint shows a date, not the description of the field that matches items.
            "translations/fr/timeline.yml",
            "  - date: 2022-05",
            "  - date: 27/05/2022",
            "translations/fr/timeline.yml:<line>:5: events[0].date: must be a date written "
            "YYYY-MM-DD, YYYY-MM or YYYY (got '27/05/2022'). Hint: write it like this: date: "
            "2024-08-08",
        ),
    ],
)
def test_a_translation_of_something_the_campaign_lacks(
    multilingual: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    break_file(multilingual, file, old, new)
    text = (multilingual / file).read_text(encoding="utf-8")
    line = text[: text.index(new.strip())].count("\n") + 1
    assert validate_errors(multilingual, capsys) == [
        expected.replace("<line>", str(line)),
        "1 error found; nothing was built.",
    ]


def test_a_translated_file_the_campaign_does_not_have(
    multilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (multilingual / "glossary.yml").unlink()
    assert validate_errors(multilingual, capsys) == [
        "translations/fr/glossary.yml:1:1: there is no glossary.yml in the campaign to "
        "translate. Hint: add glossary.yml to the campaign first, or delete this translation "
        "of it.",
        "1 error found; nothing was built.",
    ]


def test_a_translation_folder_given_as_the_campaign(
    multilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = multilingual / "translations/fr"
    assert main(["validate", "--content", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"error: {folder} is a translation (it has language.yml), not a campaign folder. "
        f"Hint: give the campaign's own folder, --content {multilingual.resolve()}; its "
        "translations are read with it.\n"
    )


def test_engine_settings_of_the_wrong_shape(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`theme: material` reached the engine's settings and crashed the build (ValueError)."""
    (campaign / "mkdocs.yml").write_text("theme: material\nextra_css: assets/mine.css\n")
    assert validate_errors(campaign, capsys) == [
        "mkdocs.yml:1:1: theme: must be a group of settings, one per line below it. Hint: "
        "write each setting on its own line under 'theme:', indented by two spaces.",
        "mkdocs.yml:2:1: extra_css: must be a list. Hint: write one '- name' line per entry "
        "under 'extra_css:'; they are added to the generator's own.",
        "2 errors found; nothing was built.",
    ]


def test_a_plugin_or_extension_that_is_not_installed(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The engine stopped at it ('The "nonexistent-plugin" plugin is not installed'), with no
    file or line; validate now names both, and a theme's plugins go by their short names."""
    (campaign / "mkdocs.yml").write_text(
        "plugins:\n  - tags\n  - serach\nmarkdown_extensions:\n  - pymdownx.details\n"
        "  - admonitoin\n  - no.such.module\n  - pymdownx.emoji:EmojiExtension\n"
    )
    assert validate_errors(campaign, capsys) == [
        "mkdocs.yml:3:5: plugins[1]: 'serach' is not installed. Hint: did you mean "
        "'search'? install it where the site is built (the lock file), or delete the line.",
        "mkdocs.yml:6:5: markdown_extensions[1]: 'admonitoin' is not installed. Hint: did you "
        "mean 'admonition'? install it where the site is built (the lock file), or delete the "
        "line.",
        "mkdocs.yml:7:5: markdown_extensions[2]: 'no.such.module' is not installed. Hint: "
        "install it where the site is built (the lock file), or delete the line.",
        "3 errors found; nothing was built.",
    ]


def test_an_unknown_engine_setting_or_icon(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`them:` passed validate; MkDocs then stopped naming no line, and Zensical ignored it
    and built without the logo. A misspelt icon stopped both engines at a template."""
    (campaign / "mkdocs.yml").write_text("them:\n  features: []\n")
    assert validate_errors(campaign, capsys) == [
        "mkdocs.yml:1:1: them: 'them' is not an engine setting. Hint: did you mean 'theme'? "
        "the settings are MkDocs' (www.mkdocs.org/user-guide/configuration).",
        "1 error found; nothing was built.",
    ]
    (campaign / "mkdocs.yml").write_text(
        "theme:\n  icon:\n    logo: material/scale-balanc\n    admonition:\n"
        "      note: octicons/tag-16\n      tip: mine/leaf\n"
    )
    (campaign / "docs/overrides/.icons/mine").mkdir(parents=True)
    (campaign / "docs/overrides/.icons/mine/leaf.svg").write_text("<svg/>")
    assert validate_errors(campaign, capsys) == [
        "mkdocs.yml:3:5: theme.icon.logo: the theme has no icon 'material/scale-balanc'. "
        "Hint: did you mean 'material/scale-balance'? Otherwise write the icon's set and "
        "name as the theme lists them, e.g. 'material/scale-balance', or put your own SVG in "
        "docs/overrides/.icons/.",
        "1 error found; nothing was built.",
    ]


def test_a_misspelt_theme_setting_is_named_a_new_one_is_not(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The theme ignores `icno:` without a word (the logo falls back to its own); a setting
    far from any of the theme's may be one the campaign's own templates read."""
    (campaign / "mkdocs.yml").write_text(
        "theme:\n  icno:\n    logo: material/scale-balance\n  tagline_style: bold\n"
    )
    assert validate_errors(campaign, capsys) == [
        "mkdocs.yml:2:3: theme.icno: 'icno' is not a setting of the theme, which would ignore "
        "it. Hint: did you mean 'icon'?",
        "1 error found; nothing was built.",
    ]


def test_a_stylesheet_or_script_the_site_does_not_have(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The engine would link a missing file from every page without a word; a file on another
    site would learn of every reader."""
    (campaign / "docs/assets").mkdir(parents=True)
    (campaign / "docs/assets/brand.css").write_text("body { color: #111; }")
    (campaign / "mkdocs.yml").write_text(
        "extra_css:\n  - assets/brand.css\n  - assets/brnd.css\n"
        "  - https://fonts.example.net/roboto.css\nextra_javascript:\n  - assets/site.js\n"
    )
    assert validate_errors(campaign, capsys) == [
        "mkdocs.yml:3:5: extra_css[1]: the site has no file 'assets/brnd.css'. Hint: did you "
        "mean 'assets/brand.css'? Otherwise, put the file in docs/assets/ and list it as "
        "assets/<its name>.",
        "mkdocs.yml:4:5: extra_css[2]: 'https://fonts.example.net/roboto.css' is on another "
        "site, which would learn of every reader. Hint: save a copy of it: put the file in "
        "docs/assets/ and list it as assets/<its name>.",
        "2 errors found; nothing was built.",
    ]


def test_the_engine_settings_are_mkdocs_own() -> None:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.theme import ENGINE_SETTINGS

    mkdocs = {key for key, _ in MkDocsConfig._schema} - {"config_file_path"}  # its own
    assert mkdocs | {"INHERIT"} == ENGINE_SETTINGS


def test_a_campaign_file_by_another_name_is_not_lost(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """countries.yaml, a misspelt file, a concern saved beside campaign.yml: all used to be
    skipped without a word (the whole country tracker, in the first case)."""
    (campaign / "countries.yml").rename(campaign / "countries.yaml")
    (campaign / "glosary.yml").write_text("terms: []\n")
    (campaign / "forced-decryption.yml").write_text(
        (campaign / W).read_text().replace("weak-safeguards", "forced-decryption")
    )
    (campaign / "netlify.yml").write_text("build: {}\n")  # another tool's: none of ours
    assert validate_errors(campaign, capsys) == [
        "countries.yaml:1:1: is not read: the generator reads only the files it knows. "
        "Hint: rename it to countries.yml.",
        "forced-decryption.yml:1:1: looks like a concern, but concerns are read from "
        "concerns/. Hint: move it to concerns/forced-decryption.yml.",
        "glosary.yml:1:1: is not read: the generator reads only the files it knows. "
        "Hint: put what it holds into glossary.yml and delete it.",
        "3 errors found; nothing was built.",
    ]


F = "translations/fr/concerns"


@pytest.mark.parametrize(
    ("name", "keep", "expected"),
    [
        (
            "weak-safegards",  # misspelt, and the concern has no translation yet
            False,
            f"{F}/weak-safegards.yml:1:1: there is no concern 'weak-safegards' to translate: "
            "the campaign has no concerns/weak-safegards.yml. Hint: rename it to "
            f"{F}/weak-safeguards.yml if it translates 'weak-safeguards'; or delete it if that "
            "concern was removed.",
        ),
        (
            "weak-safeguard",  # a copy left beside the right one
            True,
            f"{F}/weak-safeguard.yml:1:1: there is no concern 'weak-safeguard' to translate: "
            "the campaign has no concerns/weak-safeguard.yml. Hint: delete it if that concern "
            f"was removed, or if it is an old copy of {F}/weak-safeguards.yml.",
        ),
        (
            "old-safeguards",  # the concern was renamed; its translation was not
            False,
            f"{F}/old-safeguards.yml:1:1: there is no concern 'old-safeguards' to translate: "
            "it was renamed 'weak-safeguards'. Hint: rename this file to "
            f"{F}/weak-safeguards.yml.",
        ),
        (
            "data-retention",  # nothing like any concern
            True,
            f"{F}/data-retention.yml:1:1: there is no concern 'data-retention' to translate: "
            "the campaign has no concerns/data-retention.yml. Hint: give it the name of the "
            "concern it translates (the campaign's concerns: secret-interception, "
            "weak-safeguards); or delete it if that concern was removed.",
        ),
    ],
)
def test_a_translated_concern_the_campaign_does_not_have(
    multilingual: Path, name: str, keep: bool, expected: str
) -> None:
    folder = multilingual / F
    text = (folder / "weak-safeguards.yml").read_text(encoding="utf-8")
    if not keep:
        (folder / "weak-safeguards.yml").unlink()
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "--content", multilingual)
    assert_clean_failure(result)
    assert result.err.splitlines() == [expected, "1 error found; nothing was built."]


# Mistakes whose messages were once misleading, or missing, as a maintainer meets them: all
# at once, from the command line, with a site already built that must stay as it was. The
# checks across files run once every file reads well; so a run for each kind.
ACROSS_FILES = [
    (
        "glossary.yml",
        "    definition: Listening in on communications as they happen.\n",
        "    definition: Listening in on communications as they happen.\n"
        "  - id: interception\n    term: Lawful interception\n    definition: Again.\n",
    ),
    (
        "countries.yml",
        "note: A few entries used by the tests.\n",
        "note: A few entries used by the tests.\nsources:\n  - id: second-source\n"
        "    title: Treaty status\n    publisher: UN\n    date: 2024-07\n"
        "    url: https://test.example.org/status\n",
    ),
    ("timeline.yml", "end_date: 2022-06", "end_date: 2022-04"),
    (W, "tags: [safeguards]", "tags: [safeguards, safeguards]"),
    (W, "related: [secret-interception]", "related: [secret-interception, secret-interception]"),
    (
        W,
        "    note: Numbered as in the draft.\n",
        "    note: Numbered as in the draft.\n  - article: 5\n",
    ),
]
WITHIN_FILES = [
    (W, "title: Weak safeguards", "title: yes"),
    ("concerns/secret-interception.yml", "order: 20", "order:20"),
    ("sources.yml", "title: A test source", 'title: "A test source'),
    ("articles.yml", "confirmation: reported", "confirmation: no"),
    ("timeline.yml", "title: Adopted", 'title: ""'),
    ("campaign.yml", "  name: Test campaign\n", "  name: Test campaign\n  language: qq\n"),
]


@pytest.mark.parametrize(
    ("mistakes", "expected"),
    [
        (
            ACROSS_FILES,
            [
                f"{W}:9:5: articles[1]: article 5 is listed twice in articles (first on line 7). "
                "Hint: keep the first and delete this one.",
                f"{W}:16:32: related[1]: 'secret-interception' is listed twice in related. "
                "Hint: keep the first and delete this one.",
                f"{W}:17:20: tags[1]: 'safeguards' is listed twice in tags. "
                "Hint: keep the first and delete this one.",
                "countries.yml:7:5: sources[0].id: source id 'second-source' is already defined "
                "in sources.yml on line 8. Hint: if both are the same source, delete this one and "
                "cite the one in sources.yml; otherwise give this one another id.",
                "glossary.yml:6:5: terms[1].id: duplicate term id 'interception' (first used on "
                "line 3). Hint: give each term its own id, or merge the two entries into one.",
                "timeline.yml:8:5: events[1].end_date: 2022-04 is before the event's date "
                "(2022-05). Hint: write the day the event ended, on or after its date; for an "
                "event of one day, delete end_date.",
            ],
        ),
        (
            WITHIN_FILES,
            [
                "articles.yml:6:5: articles[0].confirmation: must be one of: confirmed, reported, "
                "unconfirmed (got no, which YAML reads as false). Hint: write one of them exactly "
                "as shown.",
                "campaign.yml:4:3: site.language: 'qq' is not a language code the generator "
                "knows. Hint: use an ISO 639 language code such as 'en', 'fr', 'ar' or 'pt-BR'.",
                "concerns/secret-interception.yml:5:1: order: YAML syntax error: 'order:20' has "
                "no space after the colon, so YAML does not read 'order' as a field. Hint: add a "
                "space after the colon: order: 20",
                f"{W}:3:1: title: must be text, but YAML reads the unquoted word yes as true (yes, "
                "no, on, off, true and false all mean true or false to it). Hint: put it in "
                'double quotes, "yes", so that it stays text.',
                'sources.yml:4:12: sources[0].title: YAML syntax error: the text opened with " '
                'here has no closing " on this line. Hint: end it with " on the same line (write '
                '\\" for a " inside the text).',
                "timeline.yml:4:5: events[0].title: must not be empty. Hint: write some text, for "
                "example title: Negotiating committee approves the text",
            ],
        ),
    ],
    ids=["across files", "within files"],
)
def test_every_mistake_of_a_run_and_the_built_site_kept(
    campaign: Path, tmp_path: Path, mistakes: list[tuple[str, str, str]], expected: list[str]
) -> None:
    site = tmp_path / "site"
    assert run_cli("build", "--content", campaign, "--site-dir", site).code == 0
    before = snapshot(site)
    for file, old, new in mistakes:
        break_file(campaign, file, old, new)
    for command in (["validate"], ["build", "--site-dir", site]):
        result = run_cli(*command, "--content", campaign)
        assert_clean_failure(result)
        count = len(expected)
        assert result.err.splitlines() == [*expected, f"{count} errors found; nothing was built."]
    assert snapshot(site) == before


def test_a_file_of_one_line_of_text(campaign: Path) -> None:
    (campaign / W).write_text("Weak safeguards in the treaty\n", encoding="utf-8")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    assert result.err.splitlines() == [
        f"{W}:1:1: the file must be 'field: value' lines, but YAML reads it as a single text. "
        "Hint: write each field on its own line as 'name: value', with a space after the colon; "
        "or start from a copy of a good file.",
        "1 error found; nothing was built.",
    ]


def test_a_term_translated_twice(multilingual: Path) -> None:
    file = "translations/fr/glossary.yml"
    break_file(multilingual, file, "terms:\n", "terms:\n  - id: interception\n    term: Écoute\n")
    result = run_cli("validate", "--content", multilingual)
    assert_clean_failure(result)
    assert result.err.splitlines() == [
        f"{file}:4:5: terms[1].id: id 'interception' is translated twice. "
        "Hint: keep one of the two and delete the other.",
        "1 error found; nothing was built.",
    ]


def test_engine_settings_that_are_not_settings(campaign: Path) -> None:
    (campaign / "mkdocs.yml").write_text("- theme\n")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    assert result.err.splitlines() == [
        "mkdocs.yml:1:1: engine settings are 'setting: value' lines. Hint: write each setting "
        "on its own line as 'name: value', or delete the file to use the generator's own "
        "settings.",
        "1 error found; nothing was built.",
    ]


def test_a_file_saved_under_another_name_is_told_to_be_renamed(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copying a good file from another campaign would throw away the maintainer's own."""
    (campaign / "timeline.yml").rename(campaign / "timeline.yml.txt")
    assert validate_errors(campaign, capsys) == [
        "timeline.yml:1:1: file is missing. Hint: rename timeline.yml.txt to timeline.yml: only "
        "that name is read.",
        "1 error found; nothing was built.",
    ]


def test_a_translation_saved_under_another_name_is_not_skipped_unsaid(
    multilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Skipped, the French timeline would fall back to English without a word."""
    folder = multilingual / "translations/fr"
    (folder / "timeline.yml").rename(folder / "timeline.yml.txt")
    assert validate_errors(multilingual, capsys) == [
        "translations/fr/timeline.yml.txt:1:1: is not read: only files whose name ends in .yml "
        "are read here. Hint: rename it to translations/fr/timeline.yml.",
        "1 error found; nothing was built.",
    ]


def test_a_mistake_in_the_english_is_not_also_blamed_on_its_translations(
    multilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Matched against English items being changed, the French would be told to delete the
    item the maintainer's fix brings back."""
    break_file(multilingual, "concerns/weak-safeguards.yml", "  - article: 5", "  - article: 55")
    assert validate_errors(multilingual, capsys) == [
        "concerns/weak-safeguards.yml:6:5: articles[0]: no article '55' in articles.yml. Hint: "
        "did you mean '5'?",
        "1 error found; nothing was built.",
    ]
    # Once the English is right, the translation is matched against it again.
    break_file(multilingual, "concerns/weak-safeguards.yml", "  - article: 55", "  - article: 9")
    errors = validate_errors(multilingual, capsys)
    assert errors[0].startswith(
        "translations/fr/concerns/weak-safeguards.yml:4:5: articles[0].article: no item with "
        "article '5' in the English 'articles'."
    )
