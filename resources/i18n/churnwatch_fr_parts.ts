<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>Chart</name>
        <message>
            <source>so far</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>No data</source>
            <translation>Aucune donnée</translation>
        </message>
        <message>
            <source>No data for this period</source>
            <translation>Aucune donnée sur cette période</translation>
        </message>
        <message>
            <source>Reset zoom (zoom: Ctrl+wheel, or click into the chart and use the wheel)</source>
            <translation>Réinitialiser le zoom (zoom : Ctrl+molette, ou cliquez dans le graphique et utilisez la molette)</translation>
        </message>
        <message>
            <source>Save the chart as a PNG image</source>
            <translation>Enregistrer le graphique en image PNG</translation>
        </message>
        <message>
            <source>Save the chart's data as CSV</source>
            <translation>Enregistrer les données du graphique en CSV</translation>
        </message>
        <message>
            <source>Wheel zooms, drag pans · Esc or leave to scroll the page again</source>
            <translation>La molette zoome, glisser déplace · Échap ou sortez pour faire défiler la page</translation>
        </message>
        <message>
            <source>Ctrl+wheel zooms · click to zoom with the wheel · drag pans</source>
            <translation>Ctrl+molette zoome · cliquez pour zoomer à la molette · glisser déplace</translation>
        </message>
        <message>
            <source>Save chart</source>
            <translation>Enregistrer le graphique</translation>
        </message>
        <message>
            <source>PNG (*.png)</source>
            <translation>PNG (*.png)</translation>
        </message>
        <message>
            <source>Save data</source>
            <translation>Enregistrer les données</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>CompareDialog</name>
        <message>
            <source>Compare customers</source>
            <translation>Comparer des clients</translation>
        </message>
        <message>
            <source>Loading both customers…</source>
            <translation>Chargement des deux clients…</translation>
        </message>
        <message>
            <source>One of the customers no longer exists</source>
            <translation>L'un des clients n'existe plus</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Account status</source>
            <translation>Statut du compte</translation>
        </message>
        <message>
            <source>Customer since</source>
            <translation>Client depuis</translation>
        </message>
        <message>
            <source>Account value / month</source>
            <translation>Valeur du compte / mois</translation>
        </message>
        <message>
            <source>Churn probability</source>
            <translation>Probabilité de départ</translation>
        </message>
        <message>
            <source>Risk level</source>
            <translation>Niveau de risque</translation>
        </message>
        <message>
            <source>Health score</source>
            <translation>Score de santé</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Open alerts</source>
            <translation>Alertes ouvertes</translation>
        </message>
    </context>
    <context>
        <name>CustomerPicker</name>
        <message>
            <source>Type a few letters of a name or email…</source>
            <translation>Tapez quelques lettres d'un nom ou d'un e-mail…</translation>
        </message>
        <message>
            <source>the matching customers</source>
            <translation>les clients correspondants</translation>
        </message>
        <message>
            <source>type a few letters of the customer's name or email, then pick from the list</source>
            <translation>tapez quelques lettres du nom ou de l'e-mail du client, puis choisissez dans la liste</translation>
        </message>
        <message>
            <source>no customer matches '{text}'</source>
            <translation>aucun client ne correspond à « {text} »</translation>
        </message>
        <message>
            <source>still searching; pick the customer from the list</source>
            <translation>recherche en cours ; choisissez le client dans la liste</translation>
        </message>
        <message>
            <source>pick the customer from the list (Down, then Enter)</source>
            <translation>choisissez le client dans la liste (Bas, puis Entrée)</translation>
        </message>
    </context>
    <context>
        <name>CustomerView</name>
        <message>
            <source>Change status…</source>
            <translation>Changer le statut…</translation>
        </message>
        <message>
            <source>New ticket…</source>
            <translation>Nouveau ticket…</translation>
        </message>
        <message>
            <source>Log intervention…</source>
            <translation>Noter une action…</translation>
        </message>
        <message>
            <source>Add note…</source>
            <translation>Ajouter une note…</translation>
        </message>
        <message>
            <source>Add tag…</source>
            <translation>Ajouter une étiquette…</translation>
        </message>
        <message>
            <source>Acknowledge new alerts</source>
            <translation>Prendre en charge les nouvelles alertes</translation>
        </message>
        <message>
            <source>Compare with…</source>
            <translation>Comparer avec…</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <source>A one-page PDF summary of this customer, or their orders</source>
            <translation>Une fiche PDF d'une page sur ce client, ou ses commandes</translation>
        </message>
        <message>
            <source>Summary as PDF…</source>
            <translation>Fiche en PDF…</translation>
        </message>
        <message>
            <source>Orders as CSV…</source>
            <translation>Commandes en CSV…</translation>
        </message>
        <message>
            <source>Orders as Excel workbook…</source>
            <translation>Commandes en classeur Excel…</translation>
        </message>
        <message>
            <source>Churn risk</source>
            <translation>Risque de départ</translation>
        </message>
        <message>
            <source>Health score</source>
            <translation>Score de santé</translation>
        </message>
        <message>
            <source>&lt;small&gt;&lt;i&gt;Why health and risk can disagree&lt;/i&gt;&lt;/small&gt;</source>
            <translation>&lt;small&gt;&lt;i&gt;Pourquoi santé et risque peuvent diverger&lt;/i&gt;&lt;/small&gt;</translation>
        </message>
        <message>
            <source>Payment methods</source>
            <translation>Moyens de paiement</translation>
        </message>
        <message>
            <source>Behaviour</source>
            <translation>Comportement</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Numéro</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Opened</source>
            <translation>Ouvert le</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>Loading customer…</source>
            <translation>Chargement du client…</translation>
        </message>
        <message>
            <source>Everything</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Quoi</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Détail</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Historique</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>Réf.</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>Quantité</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Prix unitaire</translation>
        </message>
        <message>
            <source>Items of the selected order</source>
            <translation>Articles de la commande sélectionnée</translation>
        </message>
        <message>
            <source>Orders</source>
            <translation>Commandes</translation>
        </message>
        <message>
            <source>the order's items</source>
            <translation>les articles de la commande</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Ajouter…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Remove selected tag</source>
            <translation>Retirer l'étiquette sélectionnée</translation>
        </message>
        <message>
            <source>Segments</source>
            <translation>Segments</translation>
        </message>
        <message>
            <source>Tags &amp;&amp; segments</source>
            <translation>Étiquettes &amp;&amp; segments</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Commencée le</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>Log outreach…</source>
            <translation>Noter une prise de contact…</translation>
        </message>
        <message>
            <source>Record outcome…</source>
            <translation>Noter le résultat…</translation>
        </message>
        <message>
            <source>Interventions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Refreshing…</source>
            <translation>Actualisation…</translation>
        </message>
        <message>
            <source>This customer no longer exists (deleted by someone else?)</source>
            <translation>Ce client n'existe plus (supprimé par quelqu'un d'autre ?)</translation>
        </message>
        <message>
            <source>this customer</source>
            <translation>ce client</translation>
        </message>
        <message>
            <source>Customer not loaded</source>
            <translation>Client non chargé</translation>
        </message>
        <message>
            <source>{name} – Customer 360</source>
            <translation>{name} – Vue client 360</translation>
        </message>
        <message>
            <source>{email} · account &lt;b&gt;{status}&lt;/b&gt; · customer since {since} · account value {value} a month</source>
            <translation>{email} · compte &lt;b&gt;{status}&lt;/b&gt; · client depuis le {since} · valeur du compte {value} par mois</translation>
        </message>
        <message>
            <source>&lt;br&gt;From a baseline of {baseline} % (the average customer), these add up to the risk shown:</source>
            <translation>&lt;br&gt;Partant d’une base de {baseline} % (le client moyen), ces facteurs s’additionnent pour donner le risque affiché :</translation>
        </message>
        <message>
            <source>&lt;br&gt;Top factors:</source>
            <translation>&lt;br&gt;Principaux facteurs :</translation>
        </message>
        <message>
            <source>&lt;br&gt;&lt;i&gt;No factors recorded.&lt;/i&gt;</source>
            <translation>&lt;br&gt;&lt;i&gt;Aucun facteur enregistré.&lt;/i&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;Lapsed&lt;/b&gt;: already inactive for the model's churn window, so no churn probability – a win-back candidate</source>
            <translation>&lt;b&gt;Inactif&lt;/b&gt; : déjà inactif sur toute la fenêtre de départ du modèle, donc pas de probabilité de départ – un client à reconquérir</translation>
        </message>
        <message>
            <source>&lt;i&gt;Not scored yet: train and run a model (Models page).&lt;/i&gt;</source>
            <translation>&lt;i&gt;Pas encore évalué : entraînez et lancez un modèle (page Modèles).&lt;/i&gt;</translation>
        </message>
        <message>
            <source>{name} no data</source>
            <translation>{name} sans données</translation>
        </message>
        <message>
            <source>Purchase</source>
            <translation>Achats</translation>
        </message>
        <message>
            <source>Engagement</source>
            <translation>Engagement</translation>
        </message>
        <message>
            <source>Support</source>
            <translation>Support</translation>
        </message>
        <message>
            <source>Recency</source>
            <translation>Récence</translation>
        </message>
        <message>
            <source>&lt;i&gt;No health score computed yet.&lt;/i&gt;</source>
            <translation>&lt;i&gt;Aucun score de santé calculé pour l’instant.&lt;/i&gt;</translation>
        </message>
        <message>
            <source>expiring</source>
            <translation>expire bientôt</translation>
        </message>
        <message>
            <source>failed ×{n}</source>
            <translation>échecs ×{n}</translation>
        </message>
        <message>
            <source>&lt;i&gt;No stored payment method.&lt;/i&gt;</source>
            <translation>&lt;i&gt;Aucun moyen de paiement enregistré.&lt;/i&gt;</translation>
        </message>
        <message>
            <source>Acknowledge {n} new alert</source>
            <translation>Prendre en charge {n} nouvelle alerte</translation>
        </message>
        <message>
            <source>Acknowledge {n} new alerts</source>
            <translation>Prendre en charge {n} nouvelles alertes</translation>
        </message>
        <message>
            <source> ({n} already are)</source>
            <translation> ({n} le sont déjà)</translation>
        </message>
        <message>
            <source>1 alert</source>
            <translation>1 alerte</translation>
        </message>
        <message>
            <source>{n} alerts</source>
            <translation>{n} alertes</translation>
        </message>
        <message>
            <source>Say you are on them: they stay open, as acknowledged</source>
            <translation>Indiquez que vous vous en occupez : elles restent ouvertes, marquées prises en charge</translation>
        </message>
        <message>
            <source> (you)</source>
            <translation> (vous)</translation>
        </message>
        <message>
            <source>Account status changed</source>
            <translation>Statut du compte modifié</translation>
        </message>
        <message>
            <source>Ticket {number} created</source>
            <translation>Ticket {number} créé</translation>
        </message>
        <message>
            <source>&lt;b&gt;Recommended next steps&lt;/b&gt;</source>
            <translation>&lt;b&gt;Prochaines étapes conseillées&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Logs a {kind} outreach by {channel}: {notes}</source>
            <translation>Note une prise de contact « {kind} » par {channel} : {notes}</translation>
        </message>
        <message>
            <source>Logged: {what}</source>
            <translation>Noté : {what}</translation>
        </message>
        <message>
            <source>Outreach logged</source>
            <translation>Prise de contact notée</translation>
        </message>
        <message>
            <source>Select an outreach first</source>
            <translation>Sélectionnez d'abord une prise de contact</translation>
        </message>
        <message>
            <source>Outcome recorded</source>
            <translation>Résultat noté</translation>
        </message>
        <message>
            <source>Add a note</source>
            <translation>Ajouter une note</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Note added</source>
            <translation>Note ajoutée</translation>
        </message>
        <message>
            <source>Select a note first</source>
            <translation>Sélectionnez d'abord une note</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>Modifier la note</translation>
        </message>
        <message>
            <source>Note saved</source>
            <translation>Note enregistrée</translation>
        </message>
        <message>
            <source>Note deleted</source>
            <translation>Note supprimée</translation>
        </message>
        <message>
            <source>Tag added</source>
            <translation>Étiquette ajoutée</translation>
        </message>
        <message>
            <source>Select a tag first</source>
            <translation>Sélectionnez d'abord une étiquette</translation>
        </message>
        <message>
            <source>Tag removed</source>
            <translation>Étiquette retirée</translation>
        </message>
        <message>
            <source>acknowledge {noun}</source>
            <translation>prise en charge de {noun}</translation>
        </message>
        <message>
            <source>back to open</source>
            <translation>de nouveau ouvertes</translation>
        </message>
        <message>
            <source>Save the customer summary</source>
            <translation>Enregistrer la fiche client</translation>
        </message>
        <message>
            <source>Export the orders</source>
            <translation>Exporter les commandes</translation>
        </message>
        <message>
            <source>Compare with</source>
            <translation>Comparer avec</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Comparer</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Nobody</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Sign in to ChurnWatch</source>
            <translation>Connexion à ChurnWatch</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Se connecter</translation>
        </message>
        <message>
            <source>Sign in with your ChurnWatch account on {where}.</source>
            <translation>Connectez-vous avec votre compte ChurnWatch sur {where}.</translation>
        </message>
        <message>
            <source>Sign in with your ChurnWatch account.</source>
            <translation>Connectez-vous avec votre compte ChurnWatch.</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Nom d'utilisateur</translation>
        </message>
        <message>
            <source>enter your username</source>
            <translation>saisissez votre nom d'utilisateur</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>enter your password</source>
            <translation>saisissez votre mot de passe</translation>
        </message>
        <message>
            <source>Change my password</source>
            <translation>Changer mon mot de passe</translation>
        </message>
        <message>
            <source>Change password</source>
            <translation>Changer le mot de passe</translation>
        </message>
        <message>
            <source>The new password needs at least {n} characters; a few words you will remember make a good one.</source>
            <translation>Le nouveau mot de passe doit compter au moins {n} caractères ; quelques mots dont vous vous souviendrez font un bon mot de passe.</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>Mot de passe actuel</translation>
        </message>
        <message>
            <source>enter your current password</source>
            <translation>saisissez votre mot de passe actuel</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>enter a new password</source>
            <translation>saisissez un nouveau mot de passe</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>Nouveau mot de passe (confirmation)</translation>
        </message>
        <message>
            <source>type the new password again</source>
            <translation>saisissez à nouveau le nouveau mot de passe</translation>
        </message>
        <message>
            <source>the two new passwords differ; type it again</source>
            <translation>les deux nouveaux mots de passe diffèrent ; saisissez-le à nouveau</translation>
        </message>
        <message>
            <source>Edit ticket</source>
            <translation>Modifier le ticket</translation>
        </message>
        <message>
            <source>New ticket</source>
            <translation>Nouveau ticket</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>a subject is required</source>
            <translation>un objet est obligatoire</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Assign to</source>
            <translation>Assigner à</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>Log an outreach</source>
            <translation>Noter une prise de contact</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>Noter</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Record the outcome</source>
            <translation>Noter le résultat</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>Revenue retained</source>
            <translation>Chiffre d'affaires conservé</translation>
        </message>
        <message>
            <source>Change account status</source>
            <translation>Changer le statut du compte</translation>
        </message>
        <message>
            <source>New status</source>
            <translation>Nouveau statut</translation>
        </message>
        <message>
            <source>Change status</source>
            <translation>Changer le statut</translation>
        </message>
        <message>
            <source>Add a tag</source>
            <translation>Ajouter une étiquette</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Étiquette</translation>
        </message>
        <message>
            <source>New tag name</source>
            <translation>Nom de la nouvelle étiquette</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Couleur</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Fichiers CSV (*.csv)</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Classeurs Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>Fichiers PDF (*.pdf)</translation>
        </message>
        <message>
            <source>{what}: cancelled; no file was written</source>
            <translation>{what} : annulé ; aucun fichier n'a été écrit</translation>
        </message>
        <message>
            <source>{what} failed: {reason}</source>
            <translation>{what} a échoué : {reason}</translation>
        </message>
        <message>
            <source>Exported {n} {what} to {path}</source>
            <translation>{n} {what} exportés dans {path}</translation>
        </message>
        <message>
            <source>Exporting {what} ({format})</source>
            <translation>Export des {what} ({format})</translation>
        </message>
        <message>
            <source>{name} – ChurnWatch summary</source>
            <translation>{name} – fiche ChurnWatch</translation>
        </message>
        <message>
            <source>Saved the summary of {name} to {path}</source>
            <translation>Fiche de {name} enregistrée dans {path}</translation>
        </message>
        <message>
            <source>Exporting the customer summary (PDF)</source>
            <translation>Export de la fiche client (PDF)</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <source>Ctrl+Enter</source>
            <translation>Ctrl+Entrée</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>— not imported —</source>
            <translation>— non importée —</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
        <message>
            <source>&amp;What</source>
            <translation>&amp;Quoi</translation>
        </message>
        <message>
            <source>a CSV or XLSX file</source>
            <translation>un fichier CSV ou XLSX</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choisir…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>Detect per column</source>
            <translation>Détecter par colonne</translation>
        </message>
        <message>
            <source>&amp;Dates</source>
            <translation>&amp;Dates</translation>
        </message>
        <message>
            <source>Decimal point (12.50)</source>
            <translation>Point décimal (12.50)</translation>
        </message>
        <message>
            <source>Decimal comma (12,50)</source>
            <translation>Virgule décimale (12,50)</translation>
        </message>
        <message>
            <source>&amp;Numbers</source>
            <translation>&amp;Nombres</translation>
        </message>
        <message>
            <source>Create the customers rows refer to that are not known</source>
            <translation>Créer les clients cités par les lignes qui ne sont pas encore connus</translation>
        </message>
        <message>
            <source>Import the valid rows, save the rejected ones beside the file</source>
            <translation>Importer les lignes valides, enregistrer les refusées à côté du fichier</translation>
        </message>
        <message>
            <source>Columns (check the guess; change a field to correct it):</source>
            <translation>Colonnes (vérifiez la proposition ; changez un champ pour la corriger) :</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Colonne du fichier</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>Preview (the first rows as they will be stored):</source>
            <translation>Aperçu (les premières lignes telles qu’elles seront enregistrées) :</translation>
        </message>
        <message>
            <source>mapping name</source>
            <translation>nom de la correspondance</translation>
        </message>
        <message>
            <source>Save mapping</source>
            <translation>Enregistrer la correspondance</translation>
        </message>
        <message>
            <source>Dry run</source>
            <translation>Essai à blanc</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Import a file</source>
            <translation>Importer un fichier</translation>
        </message>
        <message>
            <source>Tables (*.csv *.txt *.xlsx);;All files (*)</source>
            <translation>Tableaux (*.csv *.txt *.xlsx);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Reading the file…</source>
            <translation>Lecture du fichier…</translation>
        </message>
        <message>
            <source>Map a column to: {fields}.</source>
            <translation>Associez une colonne à : {fields}.</translation>
        </message>
        <message>
            <source>— kept as an attribute —</source>
            <translation>— gardée comme attribut —</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>Ligne</translation>
        </message>
        <message>
            <source>Checking the file…</source>
            <translation>Vérification du fichier…</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Import en cours…</translation>
        </message>
        <message>
            <source>Checking {file}</source>
            <translation>Vérification de {file}</translation>
        </message>
        <message>
            <source>Importing {file}</source>
            <translation>Import de {file}</translation>
        </message>
        <message>
            <source>Rejected rows saved to {file}.</source>
            <translation>Lignes refusées enregistrées dans {file}.</translation>
        </message>
        <message>
            <source>… {n} more.</source>
            <translation>… et {n} de plus.</translation>
        </message>
        <message>
            <source>Mapping '{name}' saved.</source>
            <translation>Correspondance « {name} » enregistrée.</translation>
        </message>
    </context>
    <context>
        <name>LazyTableModel</name>
        <message>
            <source>Click to sort by {column}</source>
            <translation>Cliquez pour trier par {column}</translation>
        </message>
        <message>
            <source>{column} cannot be sorted on (not indexed)</source>
            <translation>{column} ne peut pas servir au tri (non indexé)</translation>
        </message>
    </context>
    <context>
        <name>ListPage</name>
        <message>
            <source>Any time</source>
            <translation>Toutes dates</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>7 derniers jours</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>30 derniers jours</translation>
        </message>
        <message>
            <source>Last 90 days</source>
            <translation>90 derniers jours</translation>
        </message>
        <message>
            <source>Last 365 days</source>
            <translation>365 derniers jours</translation>
        </message>
        <message>
            <source>Custom range…</source>
            <translation>Période personnalisée…</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Rechercher</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>Comptage…</translation>
        </message>
        <message>
            <source>Choose the columns to show</source>
            <translation>Choisir les colonnes affichées</translation>
        </message>
        <message>
            <source>Columns</source>
            <translation>Colonnes</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <source>Write every {noun} the search and filters match, with the shown columns in their order, to a CSV file or an Excel workbook</source>
            <translation>Écrire chaque élément ({noun}) retenu par la recherche et les filtres, avec les colonnes affichées dans leur ordre, dans un fichier CSV ou un classeur Excel</translation>
        </message>
        <message>
            <source>Export as CSV…</source>
            <translation>Exporter en CSV…</translation>
        </message>
        <message>
            <source>Export as Excel workbook…</source>
            <translation>Exporter en classeur Excel…</translation>
        </message>
        <message>
            <source>Refresh (F5)</source>
            <translation>Actualiser (F5)</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>{date} from</source>
            <translation>{date} du</translation>
        </message>
        <message>
            <source>{date}: from (included)</source>
            <translation>{date} : du (inclus)</translation>
        </message>
        <message>
            <source>{date}: to (included)</source>
            <translation>{date} : au (inclus)</translation>
        </message>
        <message>
            <source>to</source>
            <translation>au</translation>
        </message>
        <message>
            <source>(both days included)</source>
            <translation>(les deux jours inclus)</translation>
        </message>
        <message>
            <source>Clear search and filters</source>
            <translation>Effacer la recherche et les filtres</translation>
        </message>
        <message>
            <source>Open customer</source>
            <translation>Ouvrir le client</translation>
        </message>
        <message>
            <source>Export {nouns}</source>
            <translation>Exporter les {nouns}</translation>
        </message>
        <message>
            <source>{column} cannot be sorted on (not indexed)</source>
            <translation>{column} ne peut pas servir au tri (non indexé)</translation>
        </message>
        <message>
            <source>No {nouns} match “{search}” with these filters.</source>
            <translation>Aucun élément ({nouns}) ne correspond à « {search} » avec ces filtres.</translation>
        </message>
        <message>
            <source>No {nouns} match “{search}”.</source>
            <translation>Aucun élément ({nouns}) ne correspond à « {search} ».</translation>
        </message>
        <message>
            <source>No {nouns} match these filters.</source>
            <translation>Aucun élément ({nouns}) ne correspond à ces filtres.</translation>
        </message>
        <message>
            <source>Not loaded</source>
            <translation>Non chargé</translation>
        </message>
    </context>
    <context>
        <name>PeriodPicker</name>
        <message>
            <source>Last 7 days</source>
            <translation>7 derniers jours</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>30 derniers jours</translation>
        </message>
        <message>
            <source>Last 90 days</source>
            <translation>90 derniers jours</translation>
        </message>
        <message>
            <source>Last year</source>
            <translation>Dernière année</translation>
        </message>
        <message>
            <source>Custom…</source>
            <translation>Personnalisée…</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>to</source>
            <translation>au</translation>
        </message>
    </context>
    <context>
        <name>ReplyBox</name>
        <message>
            <source>Write a reply…</source>
            <translation>Écrire une réponse…</translation>
        </message>
        <message>
            <source>Internal note (not sent to the customer)</source>
            <translation>Note interne (non envoyée au client)</translation>
        </message>
        <message>
            <source>Record a message from the customer</source>
            <translation>Noter un message du client</translation>
        </message>
    </context>
    <context>
        <name>TagDialog</name>
        <message>
            <source>New tag…</source>
            <translation>Nouvelle étiquette…</translation>
        </message>
        <message>
            <source>name of the new tag</source>
            <translation>nom de la nouvelle étiquette</translation>
        </message>
    </context>
    <context>
        <name>TicketDialog</name>
        <message>
            <source>What the customer wrote (optional)</source>
            <translation>Ce que le client a écrit (facultatif)</translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message>
            <source>Abandoned</source>
            <translation>Abandonnée</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Prise en charge</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actif</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Administrateur</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>Agent</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alerte</translation>
        </message>
        <message>
            <source>Amex</source>
            <translation>Amex</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation>À risque</translation>
        </message>
        <message>
            <source>Billing</source>
            <translation>Facturation</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulé</translation>
        </message>
        <message>
            <source>Candidate</source>
            <translation>Candidat</translation>
        </message>
        <message>
            <source>Card expiring</source>
            <translation>Carte bientôt expirée</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>Chat</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>Prise de nouvelles</translation>
        </message>
        <message>
            <source>Churn risk</source>
            <translation>Risque de départ</translation>
        </message>
        <message>
            <source>Churned</source>
            <translation>Parti</translation>
        </message>
        <message>
            <source>Claimed</source>
            <translation>Réclamé</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Fermé</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Terminée</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>Critique</translation>
        </message>
        <message>
            <source>Declined</source>
            <translation>Refusé</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>Livrée</translation>
        </message>
        <message>
            <source>Discover</source>
            <translation>Discover</translation>
        </message>
        <message>
            <source>Dismissed</source>
            <translation>Écartée</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fait</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Engagement</source>
            <translation>Engagement</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Événement</translation>
        </message>
        <message>
            <source>Everything</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Expirée</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échoué</translation>
        </message>
        <message>
            <source>High</source>
            <translation>Élevé</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Initiated</source>
            <translation>Lancée</translation>
        </message>
        <message>
            <source>Intervention</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Invalid</source>
            <translation>Invalide</translation>
        </message>
        <message>
            <source>Lapsed</source>
            <translation>Inactif</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Faible</translation>
        </message>
        <message>
            <source>Mastercard</source>
            <translation>Mastercard</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>Moyen</translation>
        </message>
        <message>
            <source>No response</source>
            <translation>Sans réponse</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvert</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Commande</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Payée</translation>
        </message>
        <message>
            <source>Past due</source>
            <translation>Impayé</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Paiement</translation>
        </message>
        <message>
            <source>Payment failed</source>
            <translation>Paiement échoué</translation>
        </message>
        <message>
            <source>Payment update</source>
            <translation>Mise à jour du paiement</translation>
        </message>
        <message>
            <source>Payment updated</source>
            <translation>Paiement mis à jour</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Produit</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>Remboursée</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>Résolu</translation>
        </message>
        <message>
            <source>Retained</source>
            <translation>Conservé</translation>
        </message>
        <message>
            <source>Retention offer</source>
            <translation>Offre de fidélisation</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>Retiré</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>Retournée</translation>
        </message>
        <message>
            <source>Risk increase</source>
            <translation>Hausse du risque</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Shipped</source>
            <translation>Expédiée</translation>
        </message>
        <message>
            <source>Shipping</source>
            <translation>Livraison</translation>
        </message>
        <message>
            <source>Sms</source>
            <translation>SMS</translation>
        </message>
        <message>
            <source>Succeeded</source>
            <translation>Réussi</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>Superviseur</translation>
        </message>
        <message>
            <source>Support</source>
            <translation>Support</translation>
        </message>
        <message>
            <source>System</source>
            <translation>Système</translation>
        </message>
        <message>
            <source>Technical</source>
            <translation>Technique</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>Ticket</translation>
        </message>
        <message>
            <source>Ticket escalation</source>
            <translation>Escalade de ticket</translation>
        </message>
        <message>
            <source>Trialing</source>
            <translation>En période d'essai</translation>
        </message>
        <message>
            <source>Visa</source>
            <translation>Visa</translation>
        </message>
        <message>
            <source>Web</source>
            <translation>Web</translation>
        </message>
        <message>
            <source>Win back</source>
            <translation>Reconquête</translation>
        </message>
        <message>
            <source>{n}%</source>
            <translation>{n} %</translation>
        </message>
    </context>
    <context>
        <name>Writes</name>
        <message>
            <source>The database could not be reached; nothing was saved.</source>
            <translation>La base de données est injoignable ; rien n'a été enregistré.</translation>
        </message>
        <message>
            <source>The database is busy with other users' changes; nothing was saved.</source>
            <translation>La base de données est occupée par les modifications d'autres utilisateurs ; rien n'a été enregistré.</translation>
        </message>
        <message>
            <source>The database refused the change; nothing was saved.</source>
            <translation>La base de données a refusé la modification ; rien n'a été enregistré.</translation>
        </message>
        <message>
            <source>That did not work ({error}).</source>
            <translation>Cela n'a pas fonctionné ({error}).</translation>
        </message>
        <message>
            <source> It conflicts with a change someone else made.</source>
            <translation> Elle entre en conflit avec une modification faite par quelqu'un d'autre.</translation>
        </message>
        <message>
            <source> Your text is kept — try again.</source>
            <translation> Votre texte est conservé — réessayez.</translation>
        </message>
        <message>
            <source> Try again.</source>
            <translation> Réessayez.</translation>
        </message>
        <message>
            <source>the database is busy</source>
            <translation>la base de données est occupée</translation>
        </message>
        <message>
            <source>the database could not be reached</source>
            <translation>la base de données est injoignable</translation>
        </message>
        <message>
            <source>something went wrong while reading it</source>
            <translation>un problème est survenu pendant la lecture</translation>
        </message>
        <message>
            <source>Could not load {what}: {reason}. Press F5 to try again.</source>
            <translation>Impossible de charger {what} : {reason}. Appuyez sur F5 pour réessayer.</translation>
        </message>
    </context>
</TS>
