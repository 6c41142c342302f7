"""Staff forms; their choices come from the vocabularies, labels translated at render time."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.accounts.models import Role, User
from meldpunt.intake.countries import country_choices
from meldpunt.intake.messages import problem_message
from meldpunt.intake.questionnaire import MAX_MESSAGE
from meldpunt.intake.text_rules import forbidden_characters, normalise_text
from meldpunt.vocab import concept


def _choices(vocabulary: str, *, blank: bool = True) -> list[tuple[str, Any]]:
    terms = [(term.id, _(term.label)) for term in concept(vocabulary).terms]  # labels from the YAML, translated lazily
    return [("", "—"), *terms] if blank else terms


class TriageForm(forms.Form):
    tactics = forms.MultipleChoiceField(
        label=_("Tactics"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    origin_state = forms.ChoiceField(label=_("State behind it"), required=False, choices=())
    community = forms.ChoiceField(label=_("Community"), required=False, choices=())
    province = forms.ChoiceField(label=_("Province"), required=False, choices=())
    urgency = forms.ChoiceField(label=_("Urgency"), required=False, choices=())
    verification = forms.ChoiceField(label=_("Verification"), required=False, choices=())

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["tactics"].choices = _choices("tactics", blank=False)  # type: ignore[attr-defined]
        fields["origin_state"].choices = [("", "—"), *country_choices(language)]  # type: ignore[attr-defined]
        fields["community"].choices = _choices("communities")  # type: ignore[attr-defined]
        fields["province"].choices = _choices("provinces")  # type: ignore[attr-defined]
        fields["urgency"].choices = _choices("urgency")  # type: ignore[attr-defined]
        fields["verification"].choices = _choices("verification", blank=False)  # type: ignore[attr-defined]


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=MAX_MESSAGE, widget=forms.Textarea)

    def clean_text(self) -> str:
        """Staff text obeys the reporter's rules: no hidden controls, no direction overrides."""
        text = normalise_text(self.cleaned_data["text"])
        if forbidden_characters(text):
            raise forms.ValidationError(str(problem_message("invalid_characters")))
        return text


class GrantForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("Handler"), queryset=User.objects.filter(role=Role.HANDLER, is_active=True).order_by("username")
    )


class RetentionForm(forms.Form):
    until = forms.DateField(label=_("Keep until"), widget=forms.DateInput(attrs={"type": "date"}))
