"""The schema of the client database: ONE place that names and describes every column.

The ``CREATE TABLE`` statements, the ``dictionnaire`` table and ``docs/dictionnaire.md`` are all
generated from :data:`TABLES`; a column is never described twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.calculs.entonnoir import CODES_ETAPES
from widgets.donnees.vocabulaire import GAMMES, MODES_REGLEMENT, STATUTS, TYPES_CLIENT  # noqa: F401


@dataclass(frozen=True)
class Colonne:
    """One column: SQL name, SQL type and constraint, French meaning and an example value."""

    nom: str
    type: str
    contrainte: str
    signification: str
    exemple: str


@dataclass(frozen=True)
class Table:
    """One table: its columns, table-level constraints and the indexes created after the data."""

    nom: str
    description: str
    colonnes: tuple[Colonne, ...]
    contraintes: tuple[str, ...] = ()
    index: tuple[tuple[str, ...], ...] = ()

    def ddl(self) -> str:
        """The ``CREATE TABLE`` statement."""
        lignes = [f"    {c.nom} {c.type} {c.contrainte}".rstrip() for c in self.colonnes]
        lignes += [f"    {c}" for c in self.contraintes]
        return f"CREATE TABLE {self.nom} (\n" + ",\n".join(lignes) + "\n)"

    def ddl_index(self) -> list[str]:
        """The ``CREATE INDEX`` statements (run once the rows are in)."""
        return [
            f"CREATE INDEX idx_{self.nom}_{'_'.join(cols)} ON {self.nom} ({', '.join(cols)})"
            for cols in self.index
        ]


C = Colonne
ETAPES = CODES_ETAPES  # the funnel stages, defined once in widgets.calculs.entonnoir
PUBLICS = ("B2B", "B2C")
CONSENTEMENTS = ("oui", "non", "case pré-cochée")
DEFAUTS = (
    "doublon",
    "email_invalide",
    "telephone_invalide",
    "code_postal_invalide",
    "champ_manquant",
    "casse",
    "siret_invalide",
)

# Bloc 3 (networks): the values of the new tables' text columns (CONTRAT_DONNEES.md, fixed).
FORMATS_MAGASIN = ("hypermarché", "supermarché", "proximité")
MECANIQUES_PROMO = ("remise immédiate", "lot", "carte de fidélité", "prix barré")
TYPES_PARTENAIRE = ("distributeur", "franchisé", "agent", "VDI")
TYPES_ACTION = ("challenge", "formation", "PLV", "réunion", "visite")
STATUTS_VDI = ("mandataire", "acheteur-revendeur")
GAMMES_GMS = ("Serviettes éponge", "Peignoirs", "Linge de maison")
"""The ranges a supermarket shelf holds (the licensed souvenirs are sold in Paris shops only)."""


def _dans(valeurs: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in valeurs)


TABLES: tuple[Table, ...] = (
    Table(
        "communes",
        "Communes françaises réelles (code INSEE, code postal, population, coordonnées).",
        (
            C(
                "code_insee",
                "TEXT",
                "PRIMARY KEY",
                "Code officiel géographique INSEE de la commune",
                "69123",
            ),
            C("code_postal", "TEXT", "NOT NULL", "Code postal principal (5 chiffres)", "69001"),
            C("nom", "TEXT", "NOT NULL", "Nom officiel de la commune", "Lyon"),
            C("departement", "TEXT", "NOT NULL", "Numéro du département", "69"),
            C(
                "population",
                "INTEGER",
                "NOT NULL CHECK (population >= 0)",
                "Population légale (INSEE)",
                "519127",
            ),
            C("latitude", "REAL", "NOT NULL", "Latitude en degrés décimaux (WGS 84)", "45.74906"),
            C("longitude", "REAL", "NOT NULL", "Longitude en degrés décimaux (WGS 84)", "4.84789"),
        ),
        index=(("departement",),),
    ),
    Table(
        "secteurs",
        "Secteurs géographiques ou de clientèle confiés aux commerciaux.",
        (
            C("id_secteur", "INTEGER", "PRIMARY KEY", "Identifiant du secteur", "4"),
            C("nom", "TEXT", "NOT NULL UNIQUE", "Nom du secteur", "Rhône-Alpes"),
            C(
                "description",
                "TEXT",
                "NOT NULL",
                "Départements ou clientèle couverts",
                "Auvergne-Rhône-Alpes",
            ),
        ),
    ),
    Table(
        "commerciaux",
        "L'équipe commerciale (un secteur chacun).",
        (
            C("id_commercial", "INTEGER", "PRIMARY KEY", "Identifiant du commercial", "3"),
            C("nom", "TEXT", "NOT NULL", "Nom de famille du commercial", "Martin"),
            C("prenom", "TEXT", "NOT NULL", "Prénom du commercial", "Camille"),
            C(
                "email",
                "TEXT",
                "NOT NULL",
                "Adresse électronique professionnelle",
                "camille.martin@atelier-textile.fr",
            ),
            C(
                "telephone",
                "TEXT",
                "NOT NULL",
                "Téléphone portable professionnel",
                "06 12 34 56 78",
            ),
            C(
                "id_secteur",
                "INTEGER",
                "NOT NULL REFERENCES secteurs(id_secteur)",
                "Secteur confié (→ secteurs)",
                "4",
            ),
            C("date_embauche", "TEXT", "NOT NULL", "Date d'embauche (AAAA-MM-JJ)", "2019-09-02"),
            C(
                "fixe_mensuel",
                "REAL",
                "NOT NULL CHECK (fixe_mensuel > 0)",
                "Salaire fixe brut mensuel en euros",
                "2150.0",
            ),
        ),
        index=(("id_secteur",),),
    ),
    Table(
        "clients",
        "Les clients (entreprises) de la société.",
        (
            C("id_client", "INTEGER", "PRIMARY KEY", "Identifiant du client", "17"),
            C("raison_sociale", "TEXT", "NOT NULL", "Nom de l'entreprise cliente", "Hyperval Lyon"),
            C(
                "type_client",
                "TEXT",
                f"NOT NULL CHECK (type_client IN ({_dans(TYPES_CLIENT)}))",
                "Catégorie : GMS, Comité d'entreprise (code historique : c'est le CSE, comité "
                "social et économique), Grossiste ou Boutique de souvenirs",
                "GMS",
            ),
            C(
                "siret",
                "TEXT",
                "NOT NULL",
                "Numéro SIRET (14 chiffres, clé de Luhn valide)",
                "40483304800022",
            ),
            C("adresse", "TEXT", "NOT NULL", "Numéro et voie", "12 rue Victor Hugo"),
            C("code_postal", "TEXT", "NOT NULL", "Code postal", "69001"),
            C("ville", "TEXT", "NOT NULL", "Nom de la commune du client", "Lyon"),
            C(
                "code_insee",
                "TEXT",
                "NOT NULL REFERENCES communes(code_insee)",
                "Commune du client (→ communes)",
                "69123",
            ),
            C("telephone", "TEXT", "NOT NULL", "Téléphone du standard", "04 78 12 34 56"),
            C(
                "email",
                "TEXT",
                "NOT NULL",
                "Adresse électronique de contact",
                "contact@hyperval-lyon.fr",
            ),
            C(
                "id_commercial",
                "INTEGER",
                "NOT NULL REFERENCES commerciaux(id_commercial)",
                "Commercial attitré (→ commerciaux)",
                "3",
            ),
            C(
                "id_secteur",
                "INTEGER",
                "NOT NULL REFERENCES secteurs(id_secteur)",
                "Secteur du client (→ secteurs)",
                "4",
            ),
            C(
                "date_creation",
                "TEXT",
                "NOT NULL",
                "Date d'ouverture du compte client (AAAA-MM-JJ)",
                "2018-03-15",
            ),
            C(
                "plafond_credit",
                "REAL",
                "NOT NULL CHECK (plafond_credit >= 0)",
                "Encours maximal autorisé en euros TTC",
                "50000.0",
            ),
            C(
                "delai_paiement_jours",
                "INTEGER",
                "NOT NULL CHECK (delai_paiement_jours BETWEEN 0 AND 60)",
                "Délai de paiement accordé, en jours après la facture",
                "45",
            ),
        ),
        index=(("id_commercial",), ("id_secteur",), ("code_insee",), ("type_client",)),
    ),
    Table(
        "prospects",
        "Fichier de prospects saisi à la main : il contient volontairement des erreurs à nettoyer.",
        (
            C("id_prospect", "INTEGER", "PRIMARY KEY", "Identifiant du prospect", "42"),
            C(
                "raison_sociale",
                "TEXT",
                "",
                "Nom de l'entreprise prospectée",
                "Souvenirs de la Tour SARL",
            ),
            C(
                "type_client",
                "TEXT",
                "",
                "Catégorie visée (mêmes valeurs que clients.type_client)",
                "Boutique de souvenirs",
            ),
            C("contact_nom", "TEXT", "", "Nom du contact (en majuscules)", "DURAND"),
            C("contact_prenom", "TEXT", "", "Prénom du contact", "Léa"),
            C(
                "email",
                "TEXT",
                "",
                "Adresse électronique du contact",
                "lea.durand@souvenirs-tour.fr",
            ),
            C("telephone", "TEXT", "", "Téléphone du contact", "01 45 67 89 10"),
            C("adresse", "TEXT", "", "Numéro et voie", "5 avenue de Suffren"),
            C("code_postal", "TEXT", "", "Code postal (5 chiffres attendus)", "75007"),
            C("ville", "TEXT", "", "Commune (nom officiel attendu)", "Paris 7e arrondissement"),
            C("siret", "TEXT", "", "Numéro SIRET (14 chiffres, clé de Luhn)", "80312345600019"),
            C("source", "TEXT", "", "Origine du contact (salon, site web, annuaire...)", "salon"),
            C(
                "date_saisie",
                "TEXT",
                "",
                "Date de saisie dans le fichier (AAAA-MM-JJ)",
                "2025-02-11",
            ),
            C(
                "id_commercial",
                "INTEGER",
                "REFERENCES commerciaux(id_commercial)",
                "Commercial qui a saisi le prospect (→ commerciaux)",
                "7",
            ),
            C(
                "public",
                "TEXT",
                f"CHECK (public IN ({_dans(PUBLICS)}))",
                "Régime de prospection : B2B (professionnel joint à son adresse professionnelle) "
                "ou B2C (particulier, ou commerçant joint à une adresse personnelle)",
                "B2B",
            ),
            C(
                "consentement_email_sms",
                "TEXT",
                f"CHECK (consentement_email_sms IN ({_dans(CONSENTEMENTS)}))",
                "Accord pour recevoir de la prospection par e-mail ou SMS : oui (case cochée par "
                "la personne), non, case pré-cochée (non valable) ; vide si inconnu",
                "oui",
            ),
            C(
                "consentement_telephone",
                "TEXT",
                f"CHECK (consentement_telephone IN ({_dans(CONSENTEMENTS)}))",
                "Accord pour être démarché par téléphone : oui, non, case pré-cochée "
                "(non valable) ; vide si inconnu",
                "non",
            ),
            C(
                "opposition",
                "INTEGER",
                "CHECK (opposition IN (0, 1))",
                "1 si la personne s'est opposée à la prospection (désinscription, demande) ; "
                "sinon 0",
                "0",
            ),
            C(
                "bloctel",
                "INTEGER",
                "CHECK (bloctel IN (0, 1))",
                "1 si le numéro figure sur la liste d'opposition au démarchage téléphonique "
                "Bloctel, sinon 0",
                "1",
            ),
            C(
                "date_dernier_contact",
                "TEXT",
                "",
                "Date du dernier contact venant du prospect (AAAA-MM-JJ) ; peut précéder la "
                "saisie s'il vient d'un ancien fichier ; vide si inconnue",
                "2025-06-18",
            ),
        ),
        index=(("id_commercial",),),
    ),
    Table(
        "prospects_defauts",
        "Corrigé du nettoyage : chaque défaut volontaire du fichier prospects, ligne par ligne.",
        (
            C(
                "id_prospect",
                "INTEGER",
                "NOT NULL REFERENCES prospects(id_prospect)",
                "Prospect défectueux (→ prospects)",
                "57",
            ),
            C(
                "defaut",
                "TEXT",
                f"NOT NULL CHECK (defaut IN ({_dans(DEFAUTS)}))",
                "Nature du défaut : doublon, email_invalide, telephone_invalide, "
                "code_postal_invalide, champ_manquant, "
                "casse (contact_nom, contact_prenom ou ville) ou siret_invalide",
                "doublon",
            ),
            C(
                "detail",
                "TEXT",
                "NOT NULL",
                "Précision : champ concerné, ou prospect d'origine d'un doublon",
                "doublon du prospect 12",
            ),
            C(
                "id_original",
                "INTEGER",
                "REFERENCES prospects(id_prospect)",
                "Pour un doublon : le prospect d'origine (sinon vide)",
                "12",
            ),
        ),
        contraintes=("PRIMARY KEY (id_prospect, defaut)",),
    ),
    Table(
        "produits",
        "Catalogue : linge de maison fabriqué par la société et gamme de souvenirs sous licence.",
        (
            C("id_produit", "INTEGER", "PRIMARY KEY", "Identifiant du produit", "5"),
            C("reference", "TEXT", "NOT NULL UNIQUE", "Référence catalogue", "SE-050"),
            C(
                "designation",
                "TEXT",
                "NOT NULL",
                "Libellé du produit",
                "Serviette éponge 50 × 100 cm",
            ),
            C(
                "gamme",
                "TEXT",
                f"NOT NULL CHECK (gamme IN ({_dans(GAMMES)}))",
                "Gamme de produits",
                "Serviettes éponge",
            ),
            C(
                "prix_unitaire_ht",
                "REAL",
                "NOT NULL CHECK (prix_unitaire_ht > 0)",
                "Prix de vente unitaire HT en euros",
                "6.9",
            ),
            C(
                "cout_achat_ht",
                "REAL",
                "NOT NULL CHECK (cout_achat_ht > 0)",
                "Coût de revient unitaire HT en euros",
                "3.85",
            ),
            C(
                "taux_tva",
                "REAL",
                "NOT NULL CHECK (taux_tva BETWEEN 0 AND 100)",
                "Taux de TVA en pourcentage",
                "20.0",
            ),
            C(
                "actif",
                "INTEGER",
                "NOT NULL CHECK (actif IN (0, 1))",
                "1 si le produit est au catalogue, 0 s'il est arrêté",
                "1",
            ),
        ),
        contraintes=("CHECK (cout_achat_ht < prix_unitaire_ht)",),
        index=(("gamme",),),
    ),
    Table(
        "commandes",
        "Commandes passées par les clients (en-tête).",
        (
            C("id_commande", "INTEGER", "PRIMARY KEY", "Identifiant de la commande", "1024"),
            C(
                "id_client",
                "INTEGER",
                "NOT NULL REFERENCES clients(id_client)",
                "Client qui commande (→ clients)",
                "17",
            ),
            C(
                "id_commercial",
                "INTEGER",
                "NOT NULL REFERENCES commerciaux(id_commercial)",
                "Commercial qui a pris la commande (→ commerciaux)",
                "3",
            ),
            C(
                "date_commande",
                "TEXT",
                "NOT NULL",
                "Date de la commande (AAAA-MM-JJ)",
                "2025-05-06",
            ),
            C(
                "statut",
                "TEXT",
                f"NOT NULL CHECK (statut IN ({_dans(STATUTS)}))",
                "livrée, en cours ou annulée",
                "livrée",
            ),
            C(
                "remise_pct",
                "REAL",
                "NOT NULL CHECK (remise_pct BETWEEN 0 AND 100)",
                "Remise globale en % appliquée au total des lignes (après les remises de ligne)",
                "5.0",
            ),
        ),
        # date_commande leads a covering index for "orders of a period, per client" questions.
        index=(("id_client",), ("id_commercial",), ("date_commande", "id_client", "statut")),
    ),
    Table(
        "lignes_commande",
        "Lignes de commande : un produit, une quantité, un prix.",
        (
            C("id_ligne", "INTEGER", "PRIMARY KEY", "Identifiant de la ligne", "3071"),
            C(
                "id_commande",
                "INTEGER",
                "NOT NULL REFERENCES commandes(id_commande)",
                "Commande (→ commandes)",
                "1024",
            ),
            C(
                "id_produit",
                "INTEGER",
                "NOT NULL REFERENCES produits(id_produit)",
                "Produit commandé (→ produits)",
                "5",
            ),
            C("quantite", "INTEGER", "NOT NULL CHECK (quantite > 0)", "Quantité commandée", "120"),
            C(
                "prix_unitaire_ht",
                "REAL",
                "NOT NULL CHECK (prix_unitaire_ht > 0)",
                "Prix unitaire HT facturé en euros",
                "6.9",
            ),
            C(
                "remise_pct",
                "REAL",
                "NOT NULL CHECK (remise_pct BETWEEN 0 AND 100)",
                "Remise de ligne en % (quantité)",
                "2.0",
            ),
            C(
                "montant_ht",
                "REAL",
                "NOT NULL",
                "quantite × prix_unitaire_ht × (1 − remise_pct / 100), arrondi au centime",
                "811.44",
            ),
        ),
        index=(("id_commande",), ("id_produit",)),
    ),
    Table(
        "factures",
        "Factures des commandes livrées (une par commande).",
        (
            C("id_facture", "INTEGER", "PRIMARY KEY", "Identifiant de la facture", "998"),
            C(
                "numero",
                "TEXT",
                "NOT NULL UNIQUE",
                "Numéro chronologique par année",
                "F2025-000123",
            ),
            C(
                "id_commande",
                "INTEGER",
                "NOT NULL UNIQUE REFERENCES commandes(id_commande)",
                "Commande facturée (→ commandes)",
                "1024",
            ),
            C(
                "id_client",
                "INTEGER",
                "NOT NULL REFERENCES clients(id_client)",
                "Client facturé (→ clients)",
                "17",
            ),
            C("date_facture", "TEXT", "NOT NULL", "Date de facture (AAAA-MM-JJ)", "2025-05-09"),
            C(
                "date_echeance",
                "TEXT",
                "NOT NULL",
                "Date limite de paiement (AAAA-MM-JJ)",
                "2025-06-23",
            ),
            C(
                "montant_ht",
                "REAL",
                "NOT NULL",
                "Net commercial HT : somme des lignes moins la remise globale, arrondi au centime",
                "770.87",
            ),
            C(
                "montant_tva",
                "REAL",
                "NOT NULL",
                "TVA : montant_ht × taux de TVA, arrondi au centime",
                "154.17",
            ),
            C("montant_ttc", "REAL", "NOT NULL", "montant_ht + montant_tva", "925.04"),
        ),
        # Covering indexes: CA per client or per period reads the index alone, not the table
        # (the exercises' reference answers stay within 2 s on a 100,000-client build).
        index=(
            ("id_client", "date_facture", "montant_ht"),
            ("date_facture", "id_client", "montant_ht"),
            ("date_echeance",),
        ),
    ),
    Table(
        "reglements",
        "Paiements reçus des clients (une facture peut être payée en plusieurs fois, "
        "en retard, ou pas encore).",
        (
            C("id_reglement", "INTEGER", "PRIMARY KEY", "Identifiant du règlement", "845"),
            C(
                "id_facture",
                "INTEGER",
                "NOT NULL REFERENCES factures(id_facture)",
                "Facture réglée (→ factures)",
                "998",
            ),
            C(
                "date_reglement",
                "TEXT",
                "NOT NULL",
                "Date d'encaissement (AAAA-MM-JJ)",
                "2025-06-30",
            ),
            C(
                "montant",
                "REAL",
                "NOT NULL CHECK (montant > 0)",
                "Montant encaissé TTC en euros",
                "925.04",
            ),
            C(
                "mode",
                "TEXT",
                f"NOT NULL CHECK (mode IN ({_dans(MODES_REGLEMENT)}))",
                "virement, chèque, LCR ou carte",
                "virement",
            ),
        ),
        index=(("id_facture",), ("date_reglement",)),
    ),
    Table(
        "visites",
        "Activité de prospection : chaque étape du tunnel "
        "contact → rendez-vous → visite → commande.",
        (
            C("id_visite", "INTEGER", "PRIMARY KEY", "Identifiant de l'action", "310"),
            C(
                "id_commercial",
                "INTEGER",
                "NOT NULL REFERENCES commerciaux(id_commercial)",
                "Commercial (→ commerciaux)",
                "7",
            ),
            C(
                "id_client",
                "INTEGER",
                "REFERENCES clients(id_client)",
                "Client conquis par cette démarche (sinon vide)",
                "1503",
            ),
            C(
                "id_prospect",
                "INTEGER",
                "REFERENCES prospects(id_prospect)",
                "Prospect visé, s'il n'est pas devenu client (sinon vide)",
                "",
            ),
            C("date_visite", "TEXT", "NOT NULL", "Date de l'action (AAAA-MM-JJ)", "2025-03-18"),
            C(
                "etape",
                "TEXT",
                f"NOT NULL CHECK (etape IN ({_dans(ETAPES)}))",
                "Étape du tunnel : contact, rendez-vous, visite ou commande",
                "visite",
            ),
            C(
                "resultat",
                "TEXT",
                "NOT NULL",
                "Issue de l'action (suite donnée, refus, à relancer, commande signée...)",
                "suite donnée",
            ),
            C(
                "duree_min",
                "INTEGER",
                "NOT NULL CHECK (duree_min > 0)",
                "Durée de l'action en minutes",
                "45",
            ),
            C(
                "km",
                "REAL",
                "NOT NULL CHECK (km >= 0)",
                "Kilomètres aller-retour depuis la ville de base du secteur (vol d'oiseau × 1,3 "
                "par trajet), 0 pour un appel",
                "38.5",
            ),
        ),
        contraintes=("CHECK (id_client IS NULL OR id_prospect IS NULL)",),
        index=(("id_commercial",), ("id_client",), ("id_prospect",), ("date_visite",)),
    ),
    Table(
        "objectifs",
        "Objectifs mensuels fixés à chaque commercial.",
        (
            C("id_objectif", "INTEGER", "PRIMARY KEY", "Identifiant de l'objectif", "55"),
            C(
                "id_commercial",
                "INTEGER",
                "NOT NULL REFERENCES commerciaux(id_commercial)",
                "Commercial (→ commerciaux)",
                "3",
            ),
            C("mois", "TEXT", "NOT NULL", "Mois visé (AAAA-MM)", "2025-05"),
            C(
                "ca_objectif",
                "REAL",
                "NOT NULL CHECK (ca_objectif >= 0)",
                "Chiffre d'affaires HT visé en euros",
                "42000.0",
            ),
            C(
                "nouveaux_clients_objectif",
                "INTEGER",
                "NOT NULL CHECK (nouveaux_clients_objectif >= 0)",
                "Nombre de nouveaux clients visé",
                "2",
            ),
        ),
        contraintes=("UNIQUE (id_commercial, mois)",),
        index=(("mois",),),
    ),
    Table(
        "magasins",
        "Magasins des clients GMS (un par client de type GMS) : enseigne, format, surface, "
        "linéaire du rayon linge de maison et appartenance au panel qui transmet chaque semaine "
        "ses ventes (sell-out) et les relevés de linéaire.",
        (
            C(
                "id_client",
                "INTEGER",
                "PRIMARY KEY REFERENCES clients(id_client)",
                "Client GMS propriétaire du magasin (→ clients, type GMS uniquement)",
                "17",
            ),
            C("enseigne", "TEXT", "NOT NULL", "Enseigne du magasin", "Hyperval"),
            C(
                "format",
                "TEXT",
                f"NOT NULL CHECK (format IN ({_dans(FORMATS_MAGASIN)}))",
                "Format : hypermarché, supermarché ou proximité",
                "hypermarché",
            ),
            C(
                "surface_m2",
                "INTEGER",
                "NOT NULL CHECK (surface_m2 > 0)",
                "Surface de vente en m²",
                "7200",
            ),
            C(
                "lineaire_rayon_m",
                "REAL",
                "NOT NULL CHECK (lineaire_rayon_m > 0)",
                "Linéaire au sol du rayon linge de maison, en mètres",
                "36.5",
            ),
            C(
                "panel",
                "INTEGER",
                "NOT NULL CHECK (panel IN (0, 1))",
                "1 si le magasin fait partie du panel (sell-out hebdomadaire et relevés de "
                "linéaire), sinon 0",
                "1",
            ),
        ),
        index=(("panel",),),
    ),
    Table(
        "releves_magasin",
        "Relevés de linéaire des magasins du panel (un relevé par trimestre, une ligne par "
        "référence présente au rayon, y compris celles des concurrents). Défaut volontaire : "
        "une ligne a 0 facing mais un linéaire positif (erreur de saisie à repérer).",
        (
            C("id_releve", "INTEGER", "PRIMARY KEY", "Identifiant de la ligne de relevé", "812"),
            C(
                "id_client",
                "INTEGER",
                "NOT NULL REFERENCES magasins(id_client)",
                "Magasin relevé (→ magasins)",
                "17",
            ),
            C("date_releve", "TEXT", "NOT NULL", "Date du relevé (AAAA-MM-JJ)", "2025-12-16"),
            C(
                "id_produit",
                "INTEGER",
                "REFERENCES produits(id_produit)",
                "Produit de la société (→ produits) ; vide pour une référence concurrente",
                "3",
            ),
            C(
                "marque",
                "TEXT",
                "NOT NULL",
                "Marque : Atelier Textile (la société) ou un concurrent (marque de distributeur, "
                "marque nationale, premier prix)",
                "Atelier Textile",
            ),
            C(
                "facings",
                "INTEGER",
                "NOT NULL CHECK (facings >= 0)",
                "Nombre de faces (produits visibles de face au premier rang)",
                "4",
            ),
            C(
                "lineaire_m",
                "REAL",
                "NOT NULL CHECK (lineaire_m >= 0)",
                "Linéaire développé occupé par la référence, en mètres",
                "1.2",
            ),
            C(
                "rupture",
                "INTEGER",
                "NOT NULL CHECK (rupture IN (0, 1))",
                "1 si la référence était en rupture (rayon vide) le jour du relevé",
                "0",
            ),
            C(
                "prix_ttc",
                "REAL",
                "NOT NULL CHECK (prix_ttc > 0)",
                "Prix de vente au consommateur affiché en rayon, TTC",
                "14.99",
            ),
            C(
                "prix_concurrent_ttc",
                "REAL",
                "CHECK (prix_concurrent_ttc > 0)",
                "Prix TTC de la référence concurrente la plus proche (vide s'il n'y en a pas, "
                "et pour les références concurrentes elles-mêmes)",
                "12.49",
            ),
            C(
                "gamme",
                "TEXT",
                f"NOT NULL CHECK (gamme IN ({_dans(GAMMES_GMS)}))",
                "Gamme de la référence (celle du produit pour la société)",
                "Serviettes éponge",
            ),
            C(
                "designation",
                "TEXT",
                "NOT NULL",
                "Libellé de la référence (celui du produit pour la société)",
                "Drap de bain éponge 70 × 140 cm",
            ),
            C(
                "ventes_13_semaines",
                "INTEGER",
                "NOT NULL CHECK (ventes_13_semaines >= 0)",
                "Unités vendues par le magasin sur les 13 semaines complètes avant le relevé "
                "(données de caisse ; pour la société, leur somme par gamme est celle de "
                "sell_out sur ces semaines)",
                "96",
            ),
        ),
        index=(("id_client", "date_releve"), ("id_produit",)),
    ),
    Table(
        "sell_out",
        "Ventes hebdomadaires aux consommateurs (sell-out) des produits de la société dans les "
        "magasins du panel, par gamme, sur 2024 et 2025 : Noël, mois du blanc en janvier, "
        "serviettes de plage l'été. Défaut volontaire : un magasin n'a pas transmis une semaine "
        "(semaine manquante).",
        (
            C(
                "id_client",
                "INTEGER",
                "NOT NULL REFERENCES magasins(id_client)",
                "Magasin du panel (→ magasins)",
                "17",
            ),
            C("semaine", "TEXT", "NOT NULL", "Lundi de la semaine (AAAA-MM-JJ)", "2025-01-06"),
            C(
                "gamme",
                "TEXT",
                f"NOT NULL CHECK (gamme IN ({_dans(GAMMES_GMS)}))",
                "Gamme de produits",
                "Linge de maison",
            ),
            C(
                "quantite",
                "INTEGER",
                "NOT NULL CHECK (quantite >= 0)",
                "Unités vendues dans la semaine",
                "48",
            ),
            C(
                "ca_ttc",
                "REAL",
                "NOT NULL CHECK (ca_ttc >= 0)",
                "Chiffre d'affaires TTC de la semaine (prix payés, promotions déduites)",
                "911.52",
            ),
        ),
        contraintes=("PRIMARY KEY (id_client, semaine, gamme)",),
        index=(("semaine",),),
    ),
    Table(
        "operations_promo",
        "Opérations promotionnelles dans les magasins du panel (sur une gamme, une à trois "
        "semaines) : ventes de base attendues, ventes réelles (celles de sell_out sur ces "
        "semaines) et cannibalisation. Défaut volontaire : une remise saisie en fraction "
        "(0,3) au lieu d'un pourcentage (30).",
        (
            C("id_operation", "INTEGER", "PRIMARY KEY", "Identifiant de l'opération", "41"),
            C(
                "id_client",
                "INTEGER",
                "NOT NULL REFERENCES magasins(id_client)",
                "Magasin (→ magasins)",
                "17",
            ),
            C(
                "gamme",
                "TEXT",
                f"NOT NULL CHECK (gamme IN ({_dans(GAMMES_GMS)}))",
                "Gamme en promotion",
                "Serviettes éponge",
            ),
            C("debut", "TEXT", "NOT NULL", "Premier jour (un lundi, AAAA-MM-JJ)", "2025-06-16"),
            C("fin", "TEXT", "NOT NULL", "Dernier jour (un dimanche, AAAA-MM-JJ)", "2025-06-29"),
            C(
                "mecanique",
                "TEXT",
                f"NOT NULL CHECK (mecanique IN ({_dans(MECANIQUES_PROMO)}))",
                "Mécanique : remise immédiate, lot, carte de fidélité ou prix barré",
                "remise immédiate",
            ),
            C(
                "remise_pct",
                "REAL",
                "NOT NULL CHECK (remise_pct >= 0 AND remise_pct < 100)",
                "Remise consentie au consommateur, en %",
                "30.0",
            ),
            C(
                "cout_ht",
                "REAL",
                "NOT NULL CHECK (cout_ht >= 0)",
                "Coût pour la société HT : participation à la remise et PLV",
                "1250.0",
            ),
            C(
                "ventes_base",
                "INTEGER",
                "NOT NULL CHECK (ventes_base >= 0)",
                "Unités que la gamme aurait vendues sur la période sans la promotion",
                "120",
            ),
            C(
                "ventes_reelles",
                "INTEGER",
                "NOT NULL CHECK (ventes_reelles >= 0)",
                "Unités de la gamme réellement vendues sur la période",
                "210",
            ),
            C(
                "cannibalisation",
                "INTEGER",
                "NOT NULL CHECK (cannibalisation >= 0)",
                "Unités perdues sur les autres gammes de la société pendant la promotion",
                "15",
            ),
        ),
        contraintes=("CHECK (fin > debut)",),
        index=(("id_client",),),
    ),
    Table(
        "partenaires",
        "Réseau de partenaires de la société : distributeurs, franchisés, agents commerciaux et "
        "animatrices de vente à domicile (VDI), avec leur contrat. Défaut volontaire : un "
        "franchisé sans droit d'entrée renseigné.",
        (
            C("id_partenaire", "INTEGER", "PRIMARY KEY", "Identifiant du partenaire", "12"),
            C("nom", "TEXT", "NOT NULL", "Nom du partenaire", "Maison du Linge Angers"),
            C(
                "type",
                "TEXT",
                f"NOT NULL CHECK (type IN ({_dans(TYPES_PARTENAIRE)}))",
                "Type : distributeur, franchisé, agent ou VDI",
                "franchisé",
            ),
            C("contrat", "TEXT", "NOT NULL", "Contrat signé", "contrat de franchise 5 ans"),
            C(
                "id_secteur",
                "INTEGER",
                "NOT NULL REFERENCES secteurs(id_secteur)",
                "Zone confiée (→ secteurs)",
                "6",
            ),
            C(
                "date_entree",
                "TEXT",
                "NOT NULL",
                "Entrée dans le réseau (AAAA-MM-JJ)",
                "2021-04-01",
            ),
            C(
                "date_sortie",
                "TEXT",
                "CHECK (date_sortie IS NULL OR date_sortie >= date_entree)",
                "Sortie du réseau (AAAA-MM-JJ) ; vide si le partenaire est actif",
                "",
            ),
            C(
                "taux_commission_pct",
                "REAL",
                "CHECK (taux_commission_pct BETWEEN 0 AND 100)",
                "Commission en % du CA HT apporté (agent, VDI) ; vide sinon",
                "10.0",
            ),
            C(
                "redevance_pct",
                "REAL",
                "CHECK (redevance_pct BETWEEN 0 AND 100)",
                "Redevance d'exploitation en % du CA HT du franchisé ; vide sinon",
                "5.0",
            ),
            C(
                "redevance_pub_pct",
                "REAL",
                "CHECK (redevance_pub_pct BETWEEN 0 AND 100)",
                "Redevance publicitaire en % du CA HT du franchisé ; vide sinon",
                "1.5",
            ),
            C(
                "droit_entree_ht",
                "REAL",
                "CHECK (droit_entree_ht >= 0)",
                "Droit d'entrée payé à la signature par le franchisé, HT ; vide sinon",
                "25000.0",
            ),
        ),
        index=(("type",),),
    ),
    Table(
        "ventes_partenaires",
        "Chiffre d'affaires mensuel réalisé par chaque partenaire et son objectif (de janvier "
        "2023, ou de son entrée, à décembre 2025 ou à sa sortie). Défaut volontaire : un "
        "partenaire actif a des mois sans ligne (ventes non remontées).",
        (
            C(
                "id_partenaire",
                "INTEGER",
                "NOT NULL REFERENCES partenaires(id_partenaire)",
                "Partenaire (→ partenaires)",
                "12",
            ),
            C("mois", "TEXT", "NOT NULL", "Mois (AAAA-MM)", "2025-05"),
            C(
                "ca_ht",
                "REAL",
                "NOT NULL CHECK (ca_ht >= 0)",
                "Chiffre d'affaires HT du mois réalisé avec les produits de la société",
                "18450.0",
            ),
            C(
                "objectif_ht",
                "REAL",
                "NOT NULL CHECK (objectif_ht > 0)",
                "Objectif de chiffre d'affaires HT du mois",
                "20000.0",
            ),
        ),
        contraintes=("PRIMARY KEY (id_partenaire, mois)",),
        index=(("mois",),),
    ),
    Table(
        "actions_animation",
        "Actions d'animation du réseau de partenaires : challenges, formations, PLV, réunions "
        "et visites.",
        (
            C("id_action", "INTEGER", "PRIMARY KEY", "Identifiant de l'action", "77"),
            C(
                "id_partenaire",
                "INTEGER",
                "NOT NULL REFERENCES partenaires(id_partenaire)",
                "Partenaire animé (→ partenaires)",
                "12",
            ),
            C("date_action", "TEXT", "NOT NULL", "Date de l'action (AAAA-MM-JJ)", "2025-03-11"),
            C(
                "type",
                "TEXT",
                f"NOT NULL CHECK (type IN ({_dans(TYPES_ACTION)}))",
                "Type : challenge, formation, PLV, réunion ou visite",
                "formation",
            ),
            C(
                "cout_ht",
                "REAL",
                "NOT NULL CHECK (cout_ht >= 0)",
                "Coût HT de l'action pour la société",
                "850.0",
            ),
            C(
                "description",
                "TEXT",
                "NOT NULL",
                "Description de l'action",
                "Formation à la vente des peignoirs brodés",
            ),
        ),
        index=(("id_partenaire",), ("date_action",)),
    ),
    Table(
        "vdi",
        "Réseau de vendeurs à domicile indépendants (VDI) : parrainage sur 2 ou 3 niveaux, "
        "entrées et sorties, statut mandataire ou acheteur-revendeur.",
        (
            C("id_vdi", "INTEGER", "PRIMARY KEY", "Identifiant du VDI", "58"),
            C(
                "id_parrain",
                "INTEGER",
                "REFERENCES vdi(id_vdi)",
                "VDI qui l'a recruté (→ vdi) ; vide pour le premier niveau",
                "7",
            ),
            C(
                "date_entree",
                "TEXT",
                "NOT NULL",
                "Entrée dans le réseau (AAAA-MM-JJ)",
                "2024-02-12",
            ),
            C(
                "date_sortie",
                "TEXT",
                "CHECK (date_sortie IS NULL OR date_sortie >= date_entree)",
                "Sortie du réseau (AAAA-MM-JJ) ; vide si le VDI est actif",
                "",
            ),
            C(
                "statut",
                "TEXT",
                f"NOT NULL CHECK (statut IN ({_dans(STATUTS_VDI)}))",
                "Statut : mandataire (commissionné sur les ventes) ou acheteur-revendeur (achète "
                "et revend avec une marge)",
                "mandataire",
            ),
            C(
                "code_insee",
                "TEXT",
                "NOT NULL REFERENCES communes(code_insee)",
                "Commune du VDI (→ communes)",
                "44109",
            ),
            C("prenom", "TEXT", "NOT NULL", "Prénom du VDI", "Sandrine"),
        ),
        index=(("id_parrain",),),
    ),
    Table(
        "reunions",
        "Réunions à domicile organisées par les VDI : invitées, présentes, chiffre d'affaires "
        "TTC et cadeau de l'hôtesse (10 % du CA HT, arrondi au centime). Défaut volontaire : "
        "une réunion a un chiffre d'affaires mais 0 présente.",
        (
            C("id_reunion", "INTEGER", "PRIMARY KEY", "Identifiant de la réunion", "1530"),
            C(
                "id_vdi",
                "INTEGER",
                "NOT NULL REFERENCES vdi(id_vdi)",
                "VDI qui anime la réunion (→ vdi)",
                "58",
            ),
            C("date_reunion", "TEXT", "NOT NULL", "Date de la réunion (AAAA-MM-JJ)", "2025-11-21"),
            C("hotesse", "TEXT", "NOT NULL", "Prénom de l'hôtesse qui reçoit", "Nathalie"),
            C(
                "invitees",
                "INTEGER",
                "NOT NULL CHECK (invitees > 0)",
                "Nombre de personnes invitées",
                "12",
            ),
            C(
                "presentes",
                "INTEGER",
                "NOT NULL CHECK (presentes >= 0)",
                "Nombre de personnes présentes (au plus les invitées)",
                "8",
            ),
            C(
                "ca_ttc",
                "REAL",
                "NOT NULL CHECK (ca_ttc >= 0)",
                "Ventes TTC de la réunion",
                "412.6",
            ),
            C(
                "cadeau_hotesse_ttc",
                "REAL",
                "NOT NULL CHECK (cadeau_hotesse_ttc >= 0)",
                "Valeur TTC du cadeau offert à l'hôtesse",
                "34.38",
            ),
        ),
        contraintes=("CHECK (presentes <= invitees)",),
        index=(("id_vdi",), ("date_reunion",)),
    ),
    Table(
        "dictionnaire",
        "Dictionnaire des données : la signification de chaque colonne de chaque table.",
        (
            C("table_nom", "TEXT", "NOT NULL", "Nom de la table", "clients"),
            C("colonne", "TEXT", "NOT NULL", "Nom de la colonne", "plafond_credit"),
            C("type", "TEXT", "NOT NULL", "Type SQLite de la colonne", "REAL"),
            C(
                "signification",
                "TEXT",
                "NOT NULL",
                "Ce que contient la colonne",
                "Encours maximal autorisé en euros TTC",
            ),
            C("exemple", "TEXT", "NOT NULL", "Exemple de valeur", "50000.0"),
            C(
                "cle",
                "TEXT",
                "NOT NULL",
                "Clé primaire, clé étrangère (→ table) ou vide",
                "→ secteurs",
            ),
        ),
        contraintes=("PRIMARY KEY (table_nom, colonne)",),
    ),
)

TABLES_PAR_NOM: dict[str, Table] = {t.nom: t for t in TABLES}
