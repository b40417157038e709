"""The glossary of acronyms the committee asked for (resolution 4): every page marks them up with
<abbr> and every report carries the entries it uses."""
import re

TERMS = {
    "DPA": "Data Protection Act 2018",
    "DPIA": "Data protection impact assessment",
    "DPO": "Data Protection Officer",
    "DSA": "Data sharing agreement",
    "GDPR": "General Data Protection Regulation (UK GDPR)",
    "HR": "Human resources",
    "IAA": "Information Asset Administrator",
    "IAO": "Information Asset Owner",
    "ICO": "Information Commissioner's Office",
    "IFC": "In-Form Consult, the information governance consultancy that audited the council",
    "IG": "Information governance",
    "IMSG": "Information Management Strategy Group",
    "ISP": "Information sharing protocol",
    "LMS": "Learning management system",
    "NHS": "National Health Service",
    "RAG": "Red, amber, green: a status shown by colour and text",
    "SIRO": "Senior Information Risk Owner",
    "SAR": "Subject access request",
}

_WORD = re.compile(r"\b(" + "|".join(sorted(TERMS, key=len, reverse=True)) + r")\b")


def terms_used(*texts: str) -> dict[str, str]:
    """The glossary entries for the acronyms that appear in the texts, in alphabetical order."""
    found = set()
    for text in texts:
        found.update(_WORD.findall(text or ""))
    return {term: TERMS[term] for term in sorted(found)}
