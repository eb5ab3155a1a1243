"""Texts of an account's life cycle: password rules, API tokens, sign-in throttling,
deactivation and changing a password (Dutch and English)."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    # password rules (NIST SP 800-63B)
    "account.password_long": {
        "nl": "wachtwoord mag hoogstens 1024 tekens lang zijn",
        "en": "password may be at most 1024 characters long",
    },
    "account.password_common": {
        "nl": "dit wachtwoord staat op de lijst van veelgebruikte of gelekte wachtwoorden; kies een ander (een zin van een paar woorden werkt goed)",
        "en": "this password is on the list of common or breached passwords; choose another (a phrase of a few words works well)",
    },
    "account.password_context": {
        "nl": "het wachtwoord mag niet gelijk zijn aan het e-mailadres of de naam van het account",
        "en": "the password may not equal the account's email address or name",
    },
    "account.password_repeated": {
        "nl": "het wachtwoord mag niet uit één herhaald teken bestaan",
        "en": "the password may not be a single repeated character",
    },
    "account.password_same": {
        "nl": "het nieuwe wachtwoord is gelijk aan het huidige",
        "en": "the new password equals the current one",
    },
    "account.wrong_password": {
        "nl": "het huidige wachtwoord klopt niet",
        "en": "the current password is wrong",
    },
    # API tokens
    "account.token_days": {
        "nl": "geldigheid moet tussen 1 en {maximum} dagen liggen (gevonden: {days})",
        "en": "validity must be between 1 and {maximum} days (found: {days})",
    },
    "account.unknown_token": {
        "nl": "account {email} heeft geen sleutel {id}",
        "en": "account {email} has no token {id}",
    },
    "web.token_expires": {"nl": "Verloopt", "en": "Expires"},
    "web.token_days": {"nl": "Geldig (dagen)", "en": "Valid (days)"},
    "web.token_revoke": {"nl": "Intrekken", "en": "Revoke"},
    "web.token_revoked_done": {
        "nl": "Sleutel '{name}' is ingetrokken; hij werkt niet meer.",
        "en": "Token '{name}' has been revoked; it no longer works.",
    },
    "web.expired": {"nl": "verlopen", "en": "expired"},
    "web.token_note": {
        "nl": "Een sleutel geeft toegang met uw rollen. Trek een sleutel in die u niet meer gebruikt of die uitgelekt kan zijn.",
        "en": "A token gives access with your roles. Revoke a token you no longer use or that may have leaked.",
    },
    # changing one's password
    "web.password_change": {"nl": "Wachtwoord wijzigen", "en": "Change password"},
    "web.password_current": {"nl": "Huidig wachtwoord", "en": "Current password"},
    "web.password_new": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "web.password_rules": {
        "nl": "Minstens 10 tekens; een zin van een paar woorden is sterk en goed te onthouden. Veelgebruikte of gelekte wachtwoorden worden geweigerd.",
        "en": "At least 10 characters; a phrase of a few words is strong and easy to remember. Common or breached passwords are refused.",
    },
    "web.password_changed": {
        "nl": "Uw wachtwoord is gewijzigd. Meld u opnieuw aan; uw andere sessies zijn beëindigd.",
        "en": "Your password has been changed. Please sign in again; your other sessions have ended.",
    },
    # throttling
    "rule.rate_limited": {
        "nl": "te veel mislukte pogingen; probeer het over {retry_after} seconden opnieuw",
        "en": "too many failed attempts; try again in {retry_after} seconds",
    },
    "web.login_wait": {
        "nl": "Te veel mislukte aanmeldpogingen. Probeer het over {seconds} seconden opnieuw; vanaf een apparaat waarmee u eerder bent aangemeld kan het meteen. Een beheerder kan de blokkade opheffen.",
        "en": "Too many failed sign-in attempts. Try again in {seconds} seconds; from a device you signed in with before you can do so at once. An admin can lift the block.",
    },
    # account life cycle
    "account.inactive": {
        "nl": "account {email} is gedeactiveerd; heractiveer het eerst",
        "en": "account {email} is deactivated; reactivate it first",
    },
    "account.own_link": {
        "nl": "een wachtwoordlink voor uw eigen account kan niet; wijzig uw wachtwoord op de accountpagina (met het huidige)",
        "en": "no password link for your own account; change your password on the account page (with the current one)",
    },
    "account.bad_text": {
        "nl": "de tekst bevat een stuurteken (zoals NUL); typ hem opnieuw",
        "en": "the text contains a control character (such as NUL); type it again",
    },
    "account.self": {
        "nl": "u kunt uw eigen account niet deactiveren",
        "en": "you cannot deactivate your own account",
    },
    "account.last_admin": {
        "nl": "{email} is de laatste actieve landelijk beheerder en blijft actief",
        "en": "{email} is the last active national admin and stays active",
    },
    "members.status": {"nl": "Status", "en": "Status"},
    "members.deactivated": {"nl": "gedeactiveerd", "en": "deactivated"},
    "members.locked": {
        "nl": "aanmelden geblokkeerd ({seconds} s)",
        "en": "sign-in blocked ({seconds} s)",
    },
    "members.deactivate": {"nl": "Deactiveren", "en": "Deactivate"},
    "members.reactivate": {"nl": "Heractiveren", "en": "Reactivate"},
    "members.unlock": {"nl": "Blokkade opheffen", "en": "Lift block"},
    "members.done_deactivate": {
        "nl": "{email} is gedeactiveerd: sessies beëindigd, API-sleutels ingetrokken.",
        "en": "{email} has been deactivated: sessions ended, API tokens revoked.",
    },
    "members.done_reactivate": {
        "nl": "{email} is weer actief en kan zich met het eigen wachtwoord aanmelden.",
        "en": "{email} is active again and can sign in with their own password.",
    },
    "members.done_unlock": {
        "nl": "De aanmeldblokkade van {email} is opgeheven.",
        "en": "The sign-in block of {email} has been lifted.",
    },
    # command line
    "help.users_tokens": {
        "nl": "Toon de API-sleutels van een account (nooit het geheim).",
        "en": "List an account's API tokens (never the secret).",
    },
    "help.users_revoke_token": {
        "nl": "Trek een API-sleutel van een account in (nummer uit 'users tokens').",
        "en": "Revoke an API token of an account (number from 'users tokens').",
    },
    "help.users_deactivate": {
        "nl": "Deactiveer een account: sessies eindigen direct, sleutels worden ingetrokken.",
        "en": "Deactivate an account: sessions end at once, tokens are revoked.",
    },
    "help.users_reactivate": {"nl": "Heractiveer een account.", "en": "Reactivate an account."},
    "help.users_unlock": {
        "nl": "Hef de aanmeldblokkade van een account op.",
        "en": "Lift an account's sign-in block.",
    },
    "help.users_reset_link": {
        "nl": "Maak een eenmalige link om een wachtwoord in te stellen (geef hem zelf door).",
        "en": "Make a one-time link to set a password (hand it over yourself).",
    },
    "help.token_days": {
        "nl": "Geldigheid in dagen (standaard 90, hoogstens 365).",
        "en": "Validity in days (default 90, at most 365).",
    },
    "help.base_url": {
        "nl": "Adres van de webapplicatie, voor de link.",
        "en": "Address of the web application, for the link.",
    },
    "cli.token_line": {
        "nl": "{id}\t{name}\t{status}\taangemaakt {created}\tverloopt {expires}\tlaatst gebruikt {used}",
        "en": "{id}\t{name}\t{status}\tcreated {created}\texpires {expires}\tlast used {used}",
    },
    "cli.token_revoked": {"nl": "sleutel {id} ingetrokken", "en": "token {id} revoked"},
    "cli.user_deactivated": {"nl": "{email} gedeactiveerd", "en": "{email} deactivated"},
    "cli.user_reactivated": {"nl": "{email} heractiveerd", "en": "{email} reactivated"},
    "cli.user_unlocked": {
        "nl": "aanmeldblokkade van {email} opgeheven ({count} mislukte pogingen vergeten)",
        "en": "sign-in block of {email} lifted ({count} failed attempts forgotten)",
    },
    "cli.reset_link": {
        "nl": "Eenmalige link voor {email} (3 dagen geldig, geef hem zelf door):",
        "en": "One-time link for {email} (valid 3 days, hand it over yourself):",
    },
}
