"""The glossary of acronyms the committee asked for (resolution 4): every page marks them up with
<abbr> and every report carries the entries it uses. The IG team keeps the terms (GlossaryTerm);
pages read them from Django's cache, so a page full of acronyms costs at most one query."""
import re

from django.core.cache import cache
from django.db import transaction

from igov.front.models import GlossaryTerm

CACHE_KEY = "igov:glossary:terms"
# The cache is each process's memory (settings leaves CACHES at Django's default): a change clears
# this process's copy at once, and the other processes' copies expire within this many seconds.
CACHE_SECONDS = 300


def terms() -> dict[str, str]:
    """Every term and its meaning, in alphabetical order: one query when the cache is cold, none after."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = dict(sorted(GlossaryTerm.objects.values_list("term", "meaning")))
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def terms_used(*texts: str) -> dict[str, str]:
    """The glossary entries for the terms that appear as whole words in the texts, in alphabetical order."""
    glossary = terms()
    if not glossary:
        return {}
    # Longest first, so "DPIA" is found whole rather than as "DPI"; "&" counts as part of a word (A&E).
    alternatives = "|".join(re.escape(term) for term in sorted(glossary, key=len, reverse=True))
    word = re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&])")
    found = set()
    for text in texts:
        found.update(word.findall(text or ""))
    return {term: glossary[term] for term in sorted(found)}


def forget_terms(**kwargs) -> None:
    """Connected to GlossaryTerm's post_save and post_delete (apps.py), so the admin, the IG team's
    pages and the shell all clear the cache. Cleared again when the transaction commits: a page read
    before the commit may have cached the old terms meanwhile."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
