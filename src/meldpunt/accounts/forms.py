from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.accounts.models import Role


class StaffLoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=256)
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput, max_length=256)
    new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, max_length=256)


class StaffCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Temporary password"), widget=forms.PasswordInput, max_length=256)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    default_recipient = forms.BooleanField(label=_("Receives new reports"), required=False)
    email = forms.EmailField(label=_("E-mail for notification digests"), required=False)


class StaffEditForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    default_recipient = forms.BooleanField(label=_("Receives new reports"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False)
    email = forms.EmailField(label=_("E-mail for notification digests"), required=False)
    new_password = forms.CharField(
        label=_("Reset: new temporary password (makes a new key; a supervisor restores access)"),
        widget=forms.PasswordInput,
        required=False,
        max_length=256,
    )
