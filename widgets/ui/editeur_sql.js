// Éditeur SQL de l'Atelier NRC (anywidget) : une zone de texte à police fixe, la coloration
// des mots-clés par calque superposé, la complétion des tables et colonnes, Ctrl+Entrée pour
// exécuter. Aucun chargement externe (pas de CDN).

const MOTS_CLES = [
  "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN",
  "ORDER", "BY", "GROUP", "HAVING", "LIMIT", "OFFSET", "AS", "DISTINCT", "JOIN", "INNER",
  "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "ON", "USING", "UNION", "ALL", "EXCEPT",
  "INTERSECT", "WITH", "CASE", "WHEN", "THEN", "ELSE", "END", "ASC", "DESC", "EXISTS",
  "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "EXPLAIN", "COLLATE", "NOCASE",
];
const FONCTIONS = [
  "COUNT", "SUM", "AVG", "MIN", "MAX", "ROUND", "ABS", "UPPER", "LOWER", "LENGTH", "SUBSTR",
  "TRIM", "LTRIM", "RTRIM", "REPLACE", "INSTR", "COALESCE", "IFNULL", "NULLIF", "CAST",
  "STRFTIME", "DATE", "JULIANDAY", "PRINTF", "GROUP_CONCAT", "TOTAL",
];
const ENSEMBLE_CLES = new Set(MOTS_CLES);
const ENSEMBLE_FONCTIONS = new Set(FONCTIONS);
const JETON = /(--[^\n]*)|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(\b\d+(?:[.,]\d+)?\b)|([A-Za-zÀ-ÿ_][A-Za-zÀ-ÿ0-9_]*)|([\s\S])/g;

function echapper(texte) {
  return texte.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function colorier(texte, tables, colonnes) {
  let sortie = "";
  for (const m of texte.matchAll(JETON)) {
    const [tout, commentaire, chaine, ident, nombre, mot] = m;
    let classe = null;
    if (commentaire) classe = "aes-commentaire";
    else if (chaine) classe = "aes-chaine";
    else if (ident) classe = "aes-colonne";
    else if (nombre) classe = "aes-nombre";
    else if (mot) {
      const haut = mot.toUpperCase();
      if (ENSEMBLE_CLES.has(haut)) classe = "aes-mot-cle";
      else if (ENSEMBLE_FONCTIONS.has(haut)) classe = "aes-fonction";
      else if (tables.has(mot.toLowerCase())) classe = "aes-table";
      else if (colonnes.has(mot.toLowerCase())) classe = "aes-colonne";
    }
    sortie += classe ? `<span class="${classe}">${echapper(tout)}</span>` : echapper(tout);
  }
  return sortie + "\n ";
}

function render({ model, el }) {
  el.classList.add("atelier-editeur-sql");
  const cadre = document.createElement("div");
  cadre.className = "aes-cadre";
  const calque = document.createElement("pre");
  calque.className = "aes-calque";
  calque.setAttribute("aria-hidden", "true");
  const zone = document.createElement("textarea");
  zone.className = "aes-zone atelier-champ-sql";
  zone.spellcheck = false;
  zone.setAttribute("autocomplete", "off");
  zone.setAttribute("autocapitalize", "off");
  zone.setAttribute("aria-label", "Requête SQL (Ctrl+Entrée pour exécuter)");
  const liste = document.createElement("ul");
  liste.className = "aes-completion";
  liste.setAttribute("role", "listbox");
  liste.hidden = true;
  cadre.append(calque, zone);
  el.append(cadre, liste);

  let tables = new Set();
  let colonnes = new Set();
  let schema = {};
  let propositions = [];
  let choisie = 0;

  function lireSchema() {
    schema = model.get("schema") || {};
    tables = new Set(Object.keys(schema).map((t) => t.toLowerCase()));
    colonnes = new Set();
    for (const cols of Object.values(schema)) for (const c of cols) colonnes.add(c.toLowerCase());
  }
  function colorer() {
    calque.innerHTML = colorier(zone.value, tables, colonnes);
    calque.scrollTop = zone.scrollTop;
    calque.scrollLeft = zone.scrollLeft;
  }
  function hauteur() {
    const n = Math.max(2, model.get("lignes") || 8);
    zone.style.height = `calc(${n} * 1.45em + 12px)`;
  }
  function envoyer() {
    if (model.get("value") !== zone.value) {
      model.set("value", zone.value);
      model.save_changes();
    }
  }
  function fermer() {
    liste.hidden = true;
    propositions = [];
  }
  function motCourant() {
    const avant = zone.value.slice(0, zone.selectionStart);
    const m = avant.match(/(?:([A-Za-z_][A-Za-z0-9_]*)\.)?([A-Za-z_][A-Za-z0-9_]*)?$/);
    return { table: m && m[1] ? m[1] : null, debut: m && m[2] ? m[2] : "" };
  }
  function tableDeLAlias(nom) {
    // « FROM clients c », « JOIN secteurs AS s » : l'alias c désigne la table clients.
    const bas = nom.toLowerCase();
    const motif = /\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*))?/gi;
    for (const m of zone.value.matchAll(motif)) {
      if (m[2] && m[2].toLowerCase() === bas && !ENSEMBLE_CLES.has(m[2].toUpperCase())) return m[1];
    }
    return nom;
  }
  function candidats(table, debut) {
    const bas = debut.toLowerCase();
    if (table) {
      table = schema[table] ? table : tableDeLAlias(table);
      const cols = schema[table] || schema[table.toLowerCase()] || [];
      return cols.filter((c) => c.toLowerCase().startsWith(bas) && c.toLowerCase() !== bas);
    }
    if (bas.length < 2) return [];
    const tous = [...Object.keys(schema), ...colonnes, ...MOTS_CLES, ...FONCTIONS];
    const vus = new Set();
    const res = [];
    for (const mot of tous) {
      const cle = mot.toLowerCase();
      if (vus.has(cle) || !cle.startsWith(bas) || cle === bas) continue;
      vus.add(cle);
      res.push(mot);
    }
    return res;
  }
  function afficher() {
    liste.innerHTML = "";
    propositions.forEach((mot, i) => {
      const li = document.createElement("li");
      li.textContent = mot;
      li.setAttribute("role", "option");
      if (i === choisie) li.className = "aes-choisie";
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        choisie = i;
        accepter();
      });
      liste.append(li);
    });
    liste.hidden = propositions.length === 0;
  }
  function completer() {
    const { table, debut } = motCourant();
    propositions = candidats(table, debut).slice(0, 8);
    choisie = 0;
    afficher();
  }
  function accepter() {
    const mot = propositions[choisie];
    if (!mot) return;
    const { debut } = motCourant();
    const pos = zone.selectionStart;
    zone.value = zone.value.slice(0, pos - debut.length) + mot + zone.value.slice(pos);
    const nouvelle = pos - debut.length + mot.length;
    zone.setSelectionRange(nouvelle, nouvelle);
    fermer();
    envoyer();
    colorer();
  }

  zone.addEventListener("input", () => {
    envoyer();
    colorer();
    completer();
  });
  zone.addEventListener("scroll", () => {
    calque.scrollTop = zone.scrollTop;
    calque.scrollLeft = zone.scrollLeft;
  });
  // ipywidgets 8 holds back state updates while the kernel is busy, but sends custom messages
  // at once: a run request (or a click on the "Exécuter" button, which blurs the editor first)
  // could overtake the last keystrokes. So the text travels inside a custom message too.
  function transmettre(type) {
    model.send({ type, sql: zone.value });
  }
  zone.addEventListener("blur", () => {
    transmettre("valeur");
    setTimeout(fermer, 150);
  });
  zone.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      e.stopPropagation();
      fermer();
      envoyer();
      transmettre("executer");
      return;
    }
    if (!liste.hidden && propositions.length) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const n = propositions.length;
        choisie = (choisie + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
        afficher();
        return;
      }
      if (e.key === "Tab" || e.key === "Enter") {
        e.preventDefault();
        accepter();
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        fermer();
        return;
      }
    }
    if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      const pos = zone.selectionStart;
      zone.setRangeText("  ", pos, zone.selectionEnd, "end");
      envoyer();
      colorer();
    }
    // Jupyter ne doit pas interpréter les touches tapées dans l'éditeur.
    e.stopPropagation();
  });

  model.on("change:value", () => {
    if (zone.value !== model.get("value")) {
      zone.value = model.get("value");
      colorer();
    }
  });
  model.on("change:schema", () => {
    lireSchema();
    colorer();
  });
  model.on("change:lignes", hauteur);
  model.on("change:placeholder", () => (zone.placeholder = model.get("placeholder")));

  lireSchema();
  zone.value = model.get("value") || "";
  zone.placeholder = model.get("placeholder") || "";
  hauteur();
  colorer();
}

export default { render };
