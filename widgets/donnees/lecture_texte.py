"""The one reader of a text or CSV file a person exported: encoding and separator detection.

Shared by the class list (``widgets.donnees.classe.lire_liste_csv``) and the partner-file import
(``widgets.donnees.import_fichier``), so that a file one of them reads, the other reads too:

- **encoding**: UTF-8 (with or without BOM) when valid, else Windows-1252 (Excel-FR « CSV
  (séparateur : point-virgule) »), else Latin-1 (which reads any byte);
- **separator**: among ``;``, ``,``, tab and ``|``, the one that cuts the header and the next
  lines regularly (``csv.Sniffer`` on the first 50 lines), else the one the header holds most,
  ``;`` when in doubt.
"""

from __future__ import annotations

import csv

__all__ = ["ENCODAGES", "SEPARATEURS", "decoder", "detecter_encodage", "detecter_separateur"]

ENCODAGES = ("utf-8-sig", "cp1252", "latin-1")
SEPARATEURS = ";,\t|"


def detecter_encodage(octets: bytes) -> str:
    """Encoding of a text: ``utf-8-sig`` if valid, else ``cp1252``, else ``latin-1``."""
    for encodage in ENCODAGES:
        try:
            octets.decode(encodage)
        except UnicodeDecodeError:
            continue
        return encodage
    return "latin-1"  # pragma: no cover - latin-1 reads every byte


def decoder(octets: bytes) -> tuple[str, str]:
    """``(texte, encodage)`` of the bytes of a file (BOM removed)."""
    encodage = detecter_encodage(octets)
    return octets.decode(encodage), encodage


def detecter_separateur(texte: str) -> str:
    """Separator of a CSV text among ``;`` ``,`` tab ``|`` (``;`` when in doubt)."""
    echantillon = "\n".join(texte.lstrip("\ufeff").splitlines()[:50])
    try:
        return csv.Sniffer().sniff(echantillon, delimiters=SEPARATEURS).delimiter
    except csv.Error:
        entete = echantillon.splitlines()[0] if echantillon else ""
        comptes = {sep: entete.count(sep) for sep in SEPARATEURS}
        meilleur = max(comptes, key=lambda s: (comptes[s], s == ";"))
        return meilleur if comptes[meilleur] else ";"
