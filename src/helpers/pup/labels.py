"""Display labels of the coded values in the Parenting Under Pressure records.

The codes themselves live in the table schemas of :mod:`helpers.pup.data` (the one source of the
codes); :func:`allowed_codes` reads them from there, :func:`code_label` gives each its label.
"""

from __future__ import annotations

from helpers.datastore import TableSpec
from helpers.pup.data import PARENTS

__all__ = ["LABELS", "allowed_codes", "code_label"]

#: Display labels of the coded values in the couples and parents tables (codes: helpers.pup.data).
LABELS: dict[str, dict[str, str]] = {
    "screening_reason": {
        "domestic_violence_or_coercive_control": "domestic violence or coercive control",
        "severe_mental_illness": "severe mental illness",
        "substance_misuse": "unmanaged drug or alcohol misuse",
        "court_proceedings": "active court proceedings",
        "trauma_too_severe": "family trauma too severe",
        "denied_problem": "couple did not see a problem to work on",
    },
    "not_entered_reason": {
        "declined_offer": "did not take up the offer of an assessment",
        "excluded_after_assessment": "excluded after assessment because of risk",
        "chose_not_to_begin": "chose not to begin therapy",
    },
    "gender": {"female": "Women", "male": "Men"},
    "ethnicity": {
        "asian_indian": "Indian", "asian_pakistani": "Pakistani",
        "asian_bangladeshi": "Bangladeshi", "asian_other": "Any other Asian background",
        "white_british": "British", "white_irish": "Irish",
        "white_other": "Any other White background", "black_caribbean": "Caribbean",
        "black_other": "Any other Black background", "mixed": "Mixed or multiple groups",
        "other": "Any other ethnic group",
    },
    "ethnic_group": {"asian": "Asian or Asian British", "white": "White",
                     "black": "Black or Black British", "mixed": "Mixed or multiple",
                     "other": "Other ethnic group"},
    "marital_status": {
        "married": "Married", "civil_partnership": "Civil partnership", "cohabiting": "Cohabiting",
        "non_cohabiting_partners": "Partners, not living together",
        "separated_divorced": "Separated or divorced",
    },
    "relationship_length_years": {
        "0-1": "Under 1 year", "1-5": "1–5 years", "6-10": "6–10 years", "11-15": "11–15 years",
        "16-20": "16–20 years", "21-25": "21–25 years", "26+": "26 years or more",
    },
    "qualification": {
        "postgraduate": "Postgraduate degree", "undergraduate": "Undergraduate degree",
        "a_levels": "A levels", "professional": "Professional qualification", "gcse": "GCSEs",
        "nvq": "NVQ or equivalent", "none": "No formal qualification", "other": "Other",
    },
    "employment": {
        "full_time": "Working full time", "part_time": "Working part time",
        "homemaker_or_carer": "Full-time homemaker or carer", "unemployed": "Unemployed",
        "student": "Full-time student", "other": "Other",
    },
    "sexual_orientation": {
        "heterosexual": "Heterosexual", "gay_or_lesbian": "Gay or lesbian",
        "bisexual": "Bisexual", "other": "Other", "prefer_not_to_say": "Prefer not to say",
    },
}


def allowed_codes(column: str, spec: TableSpec = PARENTS) -> list[str]:
    """Allowed codes of a column of ``spec`` (default: the parents table), in schema order.

    Raises ``KeyError`` when the column has no list of allowed values.

    >>> allowed_codes("gender")
    ['female', 'male']
    """
    for check in spec.schema.columns[column].checks:
        values = (check.statistics or {}).get("allowed_values")
        if values is not None:
            return list(values)
    raise KeyError(f"{spec.name}.{column} has no list of allowed values")


def code_label(column: str, code: str) -> str:
    """Display label of ``code`` in ``column`` (from :data:`LABELS`); an unlisted code is shown
    with spaces for underscores and a capital first letter.

    >>> code_label("gender", "female"), code_label("gender", "prefer_not_to_say")
    ('Women', 'Prefer not to say')
    """
    return LABELS.get(column, {}).get(code, code.replace("_", " ").capitalize())

