"""Reads the window through AT-SPI, as Orca would, step by step (issue 16).

Run by tests/atspi/read_every_step.sh inside a D-Bus session with the accessibility bus up and
the app started on examples/combined.ron. Goes to each step by the AT-SPI action of its button
in the steps list, then checks what a screen reader gets: every control named, each step's
heading there, the steps' marks in words, excluded amounts said to be excluded, the panel's bar
named by its shares. Prints what it read; exits 1 on the first step that falls short.
"""
import sys
import time

import pyatspi

CONTROLS = {"push button", "toggle button", "entry", "combo box", "spin button", "check box",
            "radio button", "link"}
STEPS = ["Demandeur", "Type d'opération", "Origine et données", "Hébergement cible", "Budget",
         "Calendrier", "Indicateurs", "Pièces jointes", "Relecture", "Suivi"]
TABS = ["Rapport", "Dépenses", "Économies", "Indicateurs", "Versements", "Jalons"]


def nodes(node, out):
    try:
        out.append((node.getRoleName(), node.name or "", node))
        for i in range(node.childCount):
            nodes(node.getChildAtIndex(i), out)
    except Exception:  # a node gone while walking: the window is redrawing
        pass
    return out


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(60):
        for i in range(desktop.childCount):
            candidate = desktop.getChildAtIndex(i)
            if candidate is not None and any(
                "Étapes" == name for _, name, _ in nodes(candidate, [])
            ):
                return candidate
        time.sleep(0.5)
    sys.exit("the app never showed its steps list on AT-SPI")


def step_button(window, n):
    prefix = f"{n}. {STEPS[n - 1]}"
    for role, name, node in nodes(window, []):
        if role == "toggle button" and name.startswith(prefix):
            return name, node
    sys.exit(f"no button for step {prefix}")


def follow_up():
    """A signed dossier: its « Suivi » step and each tab, every control named, statuses in
    words."""
    window = app()
    failures = []
    name, button = step_button(window, 10)
    button.queryAction().doAction(0)
    time.sleep(1.5)
    for tab in TABS:
        tabs = [node for role, n, node in nodes(window, [])
                if n == tab and role in ("toggle button", "push button")]
        if not tabs:
            failures.append(f"Suivi: no tab « {tab} » to press")
            continue
        tabs[-1].queryAction().doAction(0)
        time.sleep(1.5)
        tree = nodes(window, [])
        print(f"— Suivi, {tab}: {len(tree)} nodes")
        if not any(role in ("label", "heading") and n == "Suivi" for role, n, _ in tree):
            failures.append(f"Suivi, {tab}: its heading is not read")
        unnamed = [role for role, n, _ in tree if role in CONTROLS and not n.strip()]
        if unnamed:
            failures.append(f"Suivi, {tab}: {len(unnamed)} control(s) without a name: {unnamed}")
        names = [n for _, n, _ in tree]
        if tab == "Rapport" and not any("non atteinte" == n for n in names):
            failures.append("Suivi, Rapport: a missed target is not said in words")
        if tab == "Rapport":
            # The live panel follows the commitment; the chart says itself in words; the
            # platform's timeline and its one request are named.
            for wanted in ["Suivi de l’engagement", "Cofinancement accordé",
                           "Demander l’état à la plateforme", "Sur la plateforme"]:
                if wanted not in names:
                    failures.append(f"Suivi, Rapport: « {wanted} » is not read")
            if not any(n.startswith("Années 2025 à 2027") for n in names):
                failures.append("Suivi, Rapport: the years' chart is not said in words")
        if tab == "Dépenses" and not any(n.startswith("Montant TTC de la dépense 1") for n in names):
            failures.append("Suivi, Dépenses: the first spending's amount is not named")
        if tab == "Dépenses" and "Importer depuis un tableur…" not in names:
            failures.append("Suivi, Dépenses: the accounting import is not read")
    for failure in failures:
        print("ÉCHEC :", failure)
    sys.exit(1 if failures else 0)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "follow":
        follow_up()
    window = app()
    failures = []
    for n in range(1, 10):
        name, button = step_button(window, n)
        button.queryAction().doAction(0)
        time.sleep(1.5)
        tree = nodes(window, [])
        names = [name for _, name, _ in tree]
        print(f"— step {n}: {len(tree)} nodes; its button says « {name} »")
        if not any(role in ("label", "heading") and name == STEPS[n - 1] for role, name, _ in tree):
            failures.append(f"step {n}: its heading « {STEPS[n - 1]} » is not read")
        unnamed = [role for role, name, _ in tree if role in CONTROLS and not name.strip()]
        if unnamed:
            failures.append(f"step {n}: {len(unnamed)} control(s) without a name: {unnamed}")
        if n < 9 and "\xa0: " not in name and " : " not in name:
            failures.append(f"step {n}: its mark is not said in words: « {name} »")
        if not any(r == "image" and name.startswith("Répartition") for r, name, _ in tree):
            failures.append(f"step {n}: the panel's bar has no words")
        if n == 5 and not any("exclu de l'assiette" in name for name in names):
            failures.append("step 5: no excluded amount is said to be excluded")
    for failure in failures:
        print("ÉCHEC :", failure)
    sys.exit(1 if failures else 0)


main()
