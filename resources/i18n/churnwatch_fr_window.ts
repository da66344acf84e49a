<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>not installed</source>
            <translation>non installée</translation>
        </message>
        <message>
            <source>Churn early warning for eCommerce and subscription businesses.</source>
            <translation>Détection précoce de l'attrition pour l'e-commerce et les abonnements.</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Base de données</translation>
        </message>
        <message>
            <source>Schema</source>
            <translation>Schéma</translation>
        </message>
        <message>
            <source>Signed in as</source>
            <translation>Connecté en tant que</translation>
        </message>
        <message>
            <source>Bundled libraries</source>
            <translation>Bibliothèques incluses</translation>
        </message>
        <message>
            <source>Each library is used under its own licence; PySide6 (Qt) under the LGPL 3, dynamically linked and replaceable.</source>
            <translation>Chaque bibliothèque est utilisée sous sa propre licence ; PySide6 (Qt) sous LGPL 3, liée dynamiquement et remplaçable.</translation>
        </message>
        <message>
            <source>About ChurnWatch</source>
            <translation>À propos de ChurnWatch</translation>
        </message>
        <message>
            <source>version {version} (reading…)</source>
            <translation>version {version} (lecture…)</translation>
        </message>
        <message>
            <source>not created</source>
            <translation>pas encore créé</translation>
        </message>
        <message>
            <source>version {version}</source>
            <translation>version {version}</translation>
        </message>
        <message>
            <source> (this ChurnWatch expects {version})</source>
            <translation> (cette version de ChurnWatch attend la {version})</translation>
        </message>
        <message>
            <source>version {version} (not read: no database)</source>
            <translation>version {version} (non lue : pas de base de données)</translation>
        </message>
    </context>
    <context>
        <name>AccountDialog</name>
        <message>
            <source>Create</source>
            <translation>Créer</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Nom d'utilisateur</translation>
        </message>
        <message>
            <source>Display name</source>
            <translation>Nom affiché</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
    </context>
    <context>
        <name>AddUserDialog</name>
        <message>
            <source>Add a staff member</source>
            <translation>Ajouter un membre du personnel</translation>
        </message>
    </context>
    <context>
        <name>AdminPage</name>
        <message>
            <source>Username</source>
            <translation>Nom d'utilisateur</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actif</translation>
        </message>
        <message>
            <source>Last sign-in</source>
            <translation>Dernière connexion</translation>
        </message>
        <message>
            <source>Staff accounts</source>
            <translation>Comptes du personnel</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Ajouter…</translation>
        </message>
        <message>
            <source>Disable</source>
            <translation>Désactiver</translation>
        </message>
        <message>
            <source>Enable</source>
            <translation>Réactiver</translation>
        </message>
        <message>
            <source>Reset password…</source>
            <translation>Réinitialiser le mot de passe…</translation>
        </message>
        <message>
            <source>Change role</source>
            <translation>Changer de rôle</translation>
        </message>
        <message>
            <source>never</source>
            <translation>jamais</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>Select a staff member first</source>
            <translation>Sélectionnez d'abord un membre du personnel</translation>
        </message>
        <message>
            <source>Added {name} ({role})</source>
            <translation>{name} ajouté ({role})</translation>
        </message>
        <message>
            <source>Changed {name}</source>
            <translation>{name} modifié</translation>
        </message>
        <message>
            <source>Set a new password for {name}</source>
            <translation>Nouveau mot de passe défini pour {name}</translation>
        </message>
    </context>
    <context>
        <name>AlertPolicyPanel</name>
        <message>
            <source>Top share of customers by expected lost revenue</source>
            <translation>Une part des clients, par perte de chiffre d'affaires attendue</translation>
        </message>
        <message>
            <source>Churn probability at least a threshold</source>
            <translation>Probabilité de départ au-dessus d'un seuil</translation>
        </message>
        <message>
            <source>Top K customers by expected lost revenue</source>
            <translation>Les K premiers clients par perte de chiffre d'affaires attendue</translation>
        </message>
        <message>
            <source>At most N new alerts per agent per day</source>
            <translation>Au plus N nouvelles alertes par agent et par jour</translation>
        </message>
        <message>
            <source>top {share} by expected lost revenue per day</source>
            <translation>les {share} premiers par perte de chiffre d'affaires attendue par jour</translation>
        </message>
        <message>
            <source>churn probability at least {threshold}</source>
            <translation>probabilité de départ d'au moins {threshold}</translation>
        </message>
        <message>
            <source>top {k} by expected lost revenue per day</source>
            <translation>les {k} premiers par perte de chiffre d'affaires attendue par jour</translation>
        </message>
        <message>
            <source>at most {cap} new alerts per agent per day</source>
            <translation>au plus {cap} nouvelles alertes par agent et par jour</translation>
        </message>
        <message>
            <source>; a rise of {points} points</source>
            <translation> ; ou une hausse de {points} points</translation>
        </message>
        <message>
            <source>Loading the live policy…</source>
            <translation>Lecture de la politique en vigueur…</translation>
        </message>
        <message>
            <source> points</source>
            <translation> points</translation>
        </message>
        <message>
            <source>Also alert on a rise of this many points (0: off)</source>
            <translation>Alerter aussi quand la probabilité monte d'autant de points (0 : désactivé)</translation>
        </message>
        <message>
            <source>Payment failures move accounts to at-risk</source>
            <translation>Paiement échoué : compte à risque</translation>
        </message>
        <message>
            <source>&amp;Alert when</source>
            <translation>&amp;Alerter quand</translation>
        </message>
        <message>
            <source>Top &amp;share</source>
            <translation>&amp;Part des premiers</translation>
        </message>
        <message>
            <source>&amp;Threshold</source>
            <translation>&amp;Seuil</translation>
        </message>
        <message>
            <source>Top &amp;K</source>
            <translation>&amp;K premiers</translation>
        </message>
        <message>
            <source>Per agent per &amp;day</source>
            <translation>Par agent et par &amp;jour</translation>
        </message>
        <message>
            <source>&amp;Rise of</source>
            <translation>&amp;Hausse de</translation>
        </message>
        <message>
            <source> cutoffs</source>
            <translation> dates de référence</translation>
        </message>
        <message>
            <source>How many past dates to replay the policy at</source>
            <translation>À combien de dates passées rejouer la politique</translation>
        </message>
        <message>
            <source> days apart</source>
            <translation> jours d'écart</translation>
        </message>
        <message>
            <source>&amp;Backtest</source>
            <translation>&amp;Tester sur le passé</translation>
        </message>
        <message>
            <source>Replay this policy over past cutoffs with the active model (background)</source>
            <translation>Rejouer cette politique à des dates passées avec le modèle actif (en arrière-plan)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Appliquer</translation>
        </message>
        <message>
            <source>Make this policy the live one (audited)</source>
            <translation>Mettre cette politique en vigueur (tracé dans l'audit)</translation>
        </message>
        <message>
            <source>Policy</source>
            <translation>Politique</translation>
        </message>
        <message>
            <source>Run a backtest to see how this policy would have done.</source>
            <translation>Lancez un test sur le passé pour voir ce qu'aurait donné cette politique.</translation>
        </message>
        <message>
            <source>Precision and recall</source>
            <translation>Précision et rappel</translation>
        </message>
        <message>
            <source>by alerts per day, top share 1 %–50 %</source>
            <translation>selon les alertes par jour, part des premiers de 1 % à 50 %</translation>
        </message>
        <message>
            <source>Precision and recall by alerts per day, for a top share of 1 % to 50 %</source>
            <translation>Précision et rappel selon le nombre d'alertes par jour, pour une part des premiers de 1 % à 50 %</translation>
        </message>
        <message>
            <source>Run a backtest to draw the sweep</source>
            <translation>Lancez un test sur le passé pour tracer la courbe</translation>
        </message>
        <message>
            <source>Backtest</source>
            <translation>Test sur le passé</translation>
        </message>
        <message>
            <source>the default (never changed)</source>
            <translation>celle par défaut (jamais modifiée)</translation>
        </message>
        <message>
            <source>applied by {who} on {when} UTC</source>
            <translation>appliquée par {who} le {when} UTC</translation>
        </message>
        <message>
            <source>someone</source>
            <translation>quelqu'un</translation>
        </message>
        <message>
            <source>Live: {policy} — {who}</source>
            <translation>En vigueur : {policy} — {who}</translation>
        </message>
        <message>
            <source>Backtesting…</source>
            <translation>Test sur le passé en cours…</translation>
        </message>
        <message>
            <source>{step} ({done} of {total})</source>
            <translation>{step} ({done} sur {total})</translation>
        </message>
        <message>
            <source>Backtest cancelled</source>
            <translation>Test sur le passé annulé</translation>
        </message>
        <message>
            <source>Backtested with model {model} over {n} cutoffs</source>
            <translation>Testé avec le modèle {model} sur {n} dates de référence</translation>
        </message>
        <message>
            <source>{share} ({caught} of {churners})</source>
            <translation>{share} ({caught} sur {churners})</translation>
        </message>
        <message>
            <source>{n} ({agents} agents)</source>
            <translation>{n} ({agents} agents)</translation>
        </message>
        <message>
            <source>{days} days before churn</source>
            <translation>{days} jours avant le départ</translation>
        </message>
        <message>
            <source>{money} a year ({share})</source>
            <translation>{money} par an ({share})</translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>Précision</translation>
        </message>
        <message>
            <source>Recall</source>
            <translation>Rappel</translation>
        </message>
        <message>
            <source>Alerts per day</source>
            <translation>Alertes par jour</translation>
        </message>
        <message>
            <source>Alerts per agent per day</source>
            <translation>Alertes par agent et par jour</translation>
        </message>
        <message>
            <source>Median lead time</source>
            <translation>Anticipation médiane</translation>
        </message>
        <message>
            <source>Revenue covered</source>
            <translation>Chiffre d'affaires couvert</translation>
        </message>
        <message>
            <source>cutoffs {first} … {last}</source>
            <translation>dates de référence du {first} au {last}</translation>
        </message>
        <message>
            <source>precision</source>
            <translation>précision</translation>
        </message>
        <message>
            <source>recall</source>
            <translation>rappel</translation>
        </message>
        <message>
            <source>this policy (precision)</source>
            <translation>cette politique (précision)</translation>
        </message>
        <message>
            <source>Alert policy applied: {policy}</source>
            <translation>Politique d'alerte appliquée : {policy}</translation>
        </message>
    </context>
    <context>
        <name>AlertsPage</name>
        <message>
            <source>Finds alerts whose title or customer name contains the text, or whose customer's email address starts with it.
Down or Enter moves into the results. Ctrl+F</source>
            <translation>Trouve les alertes dont le titre ou le nom du client contient le texte, ou dont l'adresse e-mail du client commence par celui-ci.
Bas ou Entrée pour aller dans les résultats. Ctrl+F</translation>
        </message>
        <message>
            <source>Acknowledge (A)</source>
            <translation>Acquitter (A)</translation>
        </message>
        <message>
            <source>You are on it: the alert stays in the queue as acknowledged</source>
            <translation>Vous vous en occupez : l'alerte reste dans la file, marquée comme acquittée</translation>
        </message>
        <message>
            <source>Resolve… (R)</source>
            <translation>Résoudre… (R)</translation>
        </message>
        <message>
            <source>Close the alert with a note on what was done</source>
            <translation>Clôturer l'alerte avec une note sur ce qui a été fait</translation>
        </message>
        <message>
            <source>Dismiss…</source>
            <translation>Écarter…</translation>
        </message>
        <message>
            <source>Close an alert that needs nothing done</source>
            <translation>Clôturer une alerte qui ne demande aucune action</translation>
        </message>
        <message>
            <source>Assign…</source>
            <translation>Attribuer…</translation>
        </message>
        <message>
            <source>Apply to all matching alerts</source>
            <translation>Appliquer à toutes les alertes du filtre</translation>
        </message>
        <message>
            <source>Act on every alert the filter matches, not only the selected rows</source>
            <translation>Agir sur toutes les alertes retenues par le filtre, pas seulement sur les lignes sélectionnées</translation>
        </message>
        <message>
            <source>Apply to all {n} matching alerts</source>
            <translation>Appliquer aux {n} alertes du filtre</translation>
        </message>
        <message>
            <source>Open or acknowledged</source>
            <translation>Ouvertes ou acquittées</translation>
        </message>
        <message>
            <source>Any status</source>
            <translation>Tous les statuts</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Any priority</source>
            <translation>Toutes les priorités</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Any type</source>
            <translation>Tous les types</translation>
        </message>
        <message>
            <source>Alert type</source>
            <translation>Type d'alerte</translation>
        </message>
        <message>
            <source>Assigned to me</source>
            <translation>Qui me sont attribuées</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>Acquitter</translation>
        </message>
        <message>
            <source>Acknowledge 1 alert</source>
            <translation>Acquitter 1 alerte</translation>
        </message>
        <message>
            <source>Acknowledge {n} alerts</source>
            <translation>Acquitter {n} alertes</translation>
        </message>
        <message>
            <source>This will acknowledge all {n} alerts that match the filter.</source>
            <translation>Les {n} alertes retenues par le filtre vont être acquittées.</translation>
        </message>
        <message>
            <source>acknowledge 1 alert</source>
            <translation>l'acquittement d'1 alerte</translation>
        </message>
        <message>
            <source>acknowledge {n} alerts</source>
            <translation>l'acquittement de {n} alertes</translation>
        </message>
        <message>
            <source>back to open</source>
            <translation>— retour à l'état ouvert</translation>
        </message>
        <message>
            <source>Resolve</source>
            <translation>Résoudre</translation>
        </message>
        <message>
            <source>Resolve 1 alert</source>
            <translation>Résoudre 1 alerte</translation>
        </message>
        <message>
            <source>Resolve {n} alerts</source>
            <translation>Résoudre {n} alertes</translation>
        </message>
        <message>
            <source>This will resolve all {n} alerts that match the filter.</source>
            <translation>Les {n} alertes retenues par le filtre vont être résolues.</translation>
        </message>
        <message>
            <source>resolve 1 alert</source>
            <translation>la résolution d'1 alerte</translation>
        </message>
        <message>
            <source>resolve {n} alerts</source>
            <translation>la résolution de {n} alertes</translation>
        </message>
        <message>
            <source>back in the queue</source>
            <translation>— retour dans la file</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Écarter</translation>
        </message>
        <message>
            <source>Dismiss 1 alert</source>
            <translation>Écarter 1 alerte</translation>
        </message>
        <message>
            <source>Dismiss {n} alerts</source>
            <translation>Écarter {n} alertes</translation>
        </message>
        <message>
            <source>This will dismiss all {n} alerts that match the filter.</source>
            <translation>Les {n} alertes retenues par le filtre vont être écartées.</translation>
        </message>
        <message>
            <source>dismiss 1 alert</source>
            <translation>l'écartement d'1 alerte</translation>
        </message>
        <message>
            <source>dismiss {n} alerts</source>
            <translation>l'écartement de {n} alertes</translation>
        </message>
        <message>
            <source>Assign 1 alert</source>
            <translation>Attribuer 1 alerte</translation>
        </message>
        <message>
            <source>Assign {n} alerts</source>
            <translation>Attribuer {n} alertes</translation>
        </message>
        <message>
            <source>This will assign all {n} alerts that match the filter.</source>
            <translation>Les {n} alertes retenues par le filtre vont être attribuées.</translation>
        </message>
        <message>
            <source>assign 1 alert</source>
            <translation>l'attribution d'1 alerte</translation>
        </message>
        <message>
            <source>assign {n} alerts</source>
            <translation>l'attribution de {n} alertes</translation>
        </message>
        <message>
            <source>back with their previous assignee</source>
            <translation>— retour au responsable précédent</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Search alert, customer name or email (Ctrl+F)</source>
            <translation>Chercher une alerte, un nom de client ou un e-mail (Ctrl+F)</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Levée le</translation>
        </message>
        <message>
            <source>Resolve…</source>
            <translation>Résoudre…</translation>
        </message>
        <message>
            <source>Some selected rows are still loading; try again</source>
            <translation>Certaines lignes sélectionnées sont encore en chargement ; réessayez</translation>
        </message>
        <message>
            <source>Select one or more alerts first</source>
            <translation>Sélectionnez d'abord une ou plusieurs alertes</translation>
        </message>
        <message>
            <source>It runs in the background (the status bar shows its progress and can cancel it); alerts someone else changed meanwhile are skipped.</source>
            <translation>L'opération tourne en arrière-plan (la barre d'état affiche sa progression et permet de l'annuler) ; les alertes modifiées entre-temps par quelqu'un d'autre sont laissées de côté.</translation>
        </message>
        <message>
            <source>a resolution note is required</source>
            <translation>une note de résolution est obligatoire</translation>
        </message>
        <message>
            <source>Resolve alerts</source>
            <translation>Résoudre des alertes</translation>
        </message>
        <message>
            <source>Resolution note</source>
            <translation>Note de résolution</translation>
        </message>
        <message>
            <source>Dismiss alerts</source>
            <translation>Écarter des alertes</translation>
        </message>
        <message>
            <source>Why (optional)</source>
            <translation>Pourquoi (facultatif)</translation>
        </message>
        <message>
            <source>Assign alerts</source>
            <translation>Attribuer des alertes</translation>
        </message>
        <message>
            <source>Assign to</source>
            <translation>Attribuer à</translation>
        </message>
        <message>
            <source>This alert no longer exists.</source>
            <translation>Cette alerte n'existe plus.</translation>
        </message>
        <message>
            <source>&lt;b&gt;{priority}&lt;/b&gt; priority · {type} · {status} · raised {when}</source>
            <translation>Priorité &lt;b&gt;{priority}&lt;/b&gt; · {type} · {status} · levée le {when}</translation>
        </message>
        <message>
            <source>Customer: &lt;b&gt;{name}&lt;/b&gt; ({email})</source>
            <translation>Client : &lt;b&gt;{name}&lt;/b&gt; ({email})</translation>
        </message>
        <message>
            <source>Acknowledged {when}</source>
            <translation>Acquittée le {when}</translation>
        </message>
        <message>
            <source>Closed {when}</source>
            <translation>Clôturée le {when}</translation>
        </message>
        <message>
            <source>{percent} churn probability ({risk}), scored {when}</source>
            <translation>Probabilité de départ {percent} ({risk}), calculée le {when}</translation>
        </message>
        <message>
            <source>Prediction</source>
            <translation>Prédiction</translation>
        </message>
        <message>
            <source>What raised it</source>
            <translation>Ce qui l'a déclenchée</translation>
        </message>
        <message>
            <source>Recommended next steps</source>
            <translation>Actions recommandées</translation>
        </message>
        <message>
            <source>A click logs the outreach for this customer.</source>
            <translation>Un clic enregistre la prise de contact pour ce client.</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>Attribuer</translation>
        </message>
        <message>
            <source>All {n} alerts that match the filter.</source>
            <translation>Les {n} alertes retenues par le filtre.</translation>
        </message>
        <message>
            <source>The selected alert</source>
            <translation>L'alerte sélectionnée</translation>
        </message>
        <message>
            <source>The {n} selected alerts.</source>
            <translation>Les {n} alertes sélectionnées.</translation>
        </message>
        <message>
            <source>Select an alert to see its details.</source>
            <translation>Sélectionnez une alerte pour voir son détail.</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Logged: {what}</source>
            <translation>Enregistré : {what}</translation>
        </message>
    </context>
    <context>
        <name>AuditPage</name>
        <message>
            <source>Audit</source>
            <translation>Audit</translation>
        </message>
        <message>
            <source>Start of an action or entity (Ctrl+F)</source>
            <translation>Début d'une action ou d'une entité (Ctrl+F)</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Anyone</source>
            <translation>N'importe qui</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Qui</translation>
        </message>
        <message>
            <source>Any entity</source>
            <translation>Toutes les entités</translation>
        </message>
        <message>
            <source>Entity</source>
            <translation>Entité</translation>
        </message>
        <message>
            <source>Any action</source>
            <translation>Toutes les actions</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>{entity} #{id} has no customer to open</source>
            <translation>{entity} n° {id} n'est rattaché à aucun client</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message>
            <source>(the change)</source>
            <translation>(la modification)</translation>
        </message>
        <message>
            <source>(refused)</source>
            <translation>(refusée)</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Modification</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>Mine (offline)</source>
            <translation>La mienne (hors ligne)</translation>
        </message>
        <message>
            <source>Theirs (on the server)</source>
            <translation>Celle du serveur</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Pourquoi</translation>
        </message>
        <message>
            <source>Offline changes in conflict</source>
            <translation>Modifications hors ligne en conflit</translation>
        </message>
        <message>
            <source>These changes made offline were not applied: the same fields changed on the server since you read them.</source>
            <translation>Ces modifications faites hors ligne n'ont pas été appliquées : les mêmes champs ont changé sur le serveur depuis que vous les avez lus.</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Garder la mienne</translation>
        </message>
        <message>
            <source>Apply my change over the server's version (audited)</source>
            <translation>Appliquer ma modification à la place de la version du serveur (tracé dans l'audit)</translation>
        </message>
        <message>
            <source>Keep theirs</source>
            <translation>Garder celle du serveur</translation>
        </message>
        <message>
            <source>Drop my change; the server's version stays</source>
            <translation>Abandonner ma modification ; la version du serveur reste</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
    </context>
    <context>
        <name>ConnectionMonitor</name>
        <message>
            <source>{name}: connected · {ms} ms</source>
            <translation>{name} : connecté · {ms} ms</translation>
        </message>
        <message>
            <source>{name}: reconnecting…</source>
            <translation>{name} : reconnexion…</translation>
        </message>
        <message>
            <source>{name}: unreachable (retrying)</source>
            <translation>{name} : injoignable (nouvel essai en cours)</translation>
        </message>
        <message>
            <source>{name}: connecting…</source>
            <translation>{name} : connexion…</translation>
        </message>
    </context>
    <context>
        <name>CustomersPage</name>
        <message>
            <source>Customers</source>
            <translation>Clients</translation>
        </message>
        <message>
            <source>Name or email word, or order number</source>
            <translation>Mot du nom ou de l'e-mail, ou numéro de commande</translation>
        </message>
        <message>
            <source>Customer since</source>
            <translation>Client depuis</translation>
        </message>
        <message>
            <source>Finds customers with a word in their name or email address that starts with each word you type, in any letter case and with or without accents (okafor, jo smi, muller finds Müller). Text with @ finds the start of an email address. A number finds who placed that order (3, ORD-3, ORD-0000003); T-… who opened that ticket.
Down or Enter moves into the results. Ctrl+F</source>
            <translation>Trouve les clients dont un mot du nom ou de l'adresse e-mail commence par chacun des mots saisis, sans tenir compte des majuscules ni des accents (okafor, jo smi, muller trouve Müller). Un texte avec @ cherche le début d'une adresse e-mail. Un numéro trouve qui a passé cette commande (3, ORD-3, ORD-0000003) ; T-… qui a ouvert ce ticket.
Bas ou Entrée pour aller dans les résultats. Ctrl+F</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Comparer</translation>
        </message>
        <message>
            <source>Compare the two selected customers side by side</source>
            <translation>Comparer côte à côte les deux clients sélectionnés</translation>
        </message>
        <message>
            <source>Any risk</source>
            <translation>Tous les risques</translation>
        </message>
        <message>
            <source>High or critical</source>
            <translation>Élevé ou critique</translation>
        </message>
        <message>
            <source>Lapsed / win-back</source>
            <translation>Partis / à reconquérir</translation>
        </message>
        <message>
            <source>Risk level</source>
            <translation>Niveau de risque</translation>
        </message>
        <message>
            <source>Any account status</source>
            <translation>Tous les statuts de compte</translation>
        </message>
        <message>
            <source>Account status</source>
            <translation>Statut du compte</translation>
        </message>
        <message>
            <source>Any tag</source>
            <translation>Toutes les étiquettes</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Étiquette</translation>
        </message>
        <message>
            <source>Any segment</source>
            <translation>Tous les segments</translation>
        </message>
        <message>
            <source>Segment</source>
            <translation>Segment</translation>
        </message>
        <message>
            <source>Select exactly two customers to compare</source>
            <translation>Sélectionnez exactement deux clients à comparer</translation>
        </message>
        <message>
            <source>Compare the two selected</source>
            <translation>Comparer les deux sélectionnés</translation>
        </message>
    </context>
    <context>
        <name>Dashboard</name>
        <message>
            <source>{n} min</source>
            <translation>{n} min</translation>
        </message>
        <message>
            <source>{n} h</source>
            <translation>{n} h</translation>
        </message>
        <message>
            <source>{n} days</source>
            <translation>{n} jours</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Reload every number and chart (F5)</source>
            <translation>Recharger tous les chiffres et graphiques (F5)</translation>
        </message>
        <message>
            <source>Charts for</source>
            <translation>Graphiques sur</translation>
        </message>
        <message>
            <source>At risk now</source>
            <translation>À risque en ce moment</translation>
        </message>
        <message>
            <source>Accounts the alert policy moved to at risk, not yet resolved – click to list them</source>
            <translation>Comptes que la règle d'alerte a passés « à risque », pas encore résolus – cliquez pour les afficher</translation>
        </message>
        <message>
            <source>Revenue at risk</source>
            <translation>Chiffre d'affaires à risque</translation>
        </message>
        <message>
            <source>Account value per month of the accounts at risk – click to list them</source>
            <translation>Valeur mensuelle des comptes à risque – cliquez pour les afficher</translation>
        </message>
        <message>
            <source>Churn, last 30 days</source>
            <translation>Attrition, 30 derniers jours</translation>
        </message>
        <message>
            <source>Customers who churned – click to list churned customers</source>
            <translation>Clients partis – cliquez pour afficher les clients perdus</translation>
        </message>
        <message>
            <source>Open alerts</source>
            <translation>Alertes ouvertes</translation>
        </message>
        <message>
            <source>Alerts not resolved yet, acknowledged ones included – click for the queue</source>
            <translation>Alertes pas encore résolues, acquittées comprises – cliquez pour ouvrir la file</translation>
        </message>
        <message>
            <source>Alert response</source>
            <translation>Délai de réaction</translation>
        </message>
        <message>
            <source>Median time from an alert to the first real action on it – resolving it, an intervention or a note on its customer (acknowledging is not one); alerts of the last 30 days</source>
            <translation>Temps médian entre une alerte et la première vraie action – sa résolution, une intervention ou une note sur le client (l'acquittement ne compte pas) ; alertes des 30 derniers jours</translation>
        </message>
        <message>
            <source>Open tickets</source>
            <translation>Tickets ouverts</translation>
        </message>
        <message>
            <source>Open, in progress and pending tickets</source>
            <translation>Tickets ouverts, en cours et en attente</translation>
        </message>
        <message>
            <source>Interventions, 30 days</source>
            <translation>Interventions, 30 jours</translation>
        </message>
        <message>
            <source>Outreach started in the last 30 days; success and revenue retained are those of the interventions concluded in them – click for retained customers</source>
            <translation>Prises de contact lancées ces 30 derniers jours ; le taux de réussite et le chiffre d'affaires conservé sont ceux des interventions conclues sur la période – cliquez pour les clients retenus</translation>
        </message>
        <message>
            <source>customers</source>
            <translation>clients</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>heures</translation>
        </message>
        <message>
            <source>Churn rate by month</source>
            <translation>Attrition par mois</translation>
        </message>
        <message>
            <source>% churned</source>
            <translation>% partis</translation>
        </message>
        <message>
            <source>Risk levels now</source>
            <translation>Niveaux de risque actuels</translation>
        </message>
        <message>
            <source>Risk levels per scoring run</source>
            <translation>Risque par calcul de scores</translation>
        </message>
        <message>
            <source>Churn probability</source>
            <translation>Probabilité de départ</translation>
        </message>
        <message>
            <source>Alerts raised per day</source>
            <translation>Alertes levées par jour</translation>
        </message>
        <message>
            <source>alerts</source>
            <translation>alertes</translation>
        </message>
        <message>
            <source>Alert response time (daily mean)</source>
            <translation>Réaction aux alertes (moy./jour)</translation>
        </message>
        <message>
            <source>Open tickets at day end</source>
            <translation>Tickets ouverts en fin de jour</translation>
        </message>
        <message>
            <source>tickets</source>
            <translation>tickets</translation>
        </message>
        <message>
            <source>Ticket resolution time (daily mean)</source>
            <translation>Résolution des tickets (moy./jour)</translation>
        </message>
        <message>
            <source>Model metrics by version</source>
            <translation>Métriques des modèles</translation>
        </message>
        <message>
            <source>System metrics</source>
            <translation>Métriques système</translation>
        </message>
        <message>
            <source>No customer has been scored yet – train and score on the Models page</source>
            <translation>Aucun client n'a encore de score – entraînez un modèle et calculez les scores sur la page Modèles</translation>
        </message>
        <message>
            <source>No scoring run finished in this period</source>
            <translation>Aucun calcul de scores terminé sur cette période</translation>
        </message>
        <message>
            <source>No customer has been scored yet</source>
            <translation>Aucun client n'a encore de score</translation>
        </message>
        <message>
            <source>No alerts were raised in this period</source>
            <translation>Aucune alerte levée sur cette période</translation>
        </message>
        <message>
            <source>No model versions yet – train one on the Models page</source>
            <translation>Aucune version de modèle pour le moment – entraînez-en une sur la page Modèles</translation>
        </message>
        <message>
            <source>Tick one or more system metrics below to chart them</source>
            <translation>Cochez une ou plusieurs métriques système ci-dessous pour les afficher</translation>
        </message>
        <message>
            <source>System metrics to chart</source>
            <translation>Métriques système à afficher</translation>
        </message>
        <message>
            <source>tag filter, e.g. host=ws-12 query=kpis</source>
            <translation>filtre par étiquette, ex. host=ws-12 query=kpis</translation>
        </message>
        <message>
            <source>System metrics:</source>
            <translation>Métriques système :</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Could not load the dashboard: {why}</source>
            <translation>Impossible de charger le tableau de bord : {why}</translation>
        </message>
        <message>
            <source>hatched: so far</source>
            <translation>hachuré : en cours</translation>
        </message>
        <message>
            <source>scoring run #{run}</source>
            <translation>calcul de scores n° {run}</translation>
        </message>
        <message>
            <source>current estimates</source>
            <translation>estimations actuelles</translation>
        </message>
        <message>
            <source>Updated {time} UTC</source>
            <translation>Mis à jour à {time} UTC</translation>
        </message>
        <message>
            <source>CRITICAL {critical} · HIGH {high} · MEDIUM {medium} · LOW {low}</source>
            <translation>CRITIQUE {critical} · ÉLEVÉ {high} · MOYEN {medium} · FAIBLE {low}</translation>
        </message>
        <message>
            <source> · not scored {n}</source>
            <translation> · sans score {n}</translation>
        </message>
        <message>
            <source> · lapsed (win-back) {n}</source>
            <translation> · partis (à reconquérir) {n}</translation>
        </message>
        <message>
            <source>per month ({currency}), accounts at risk</source>
            <translation>par mois ({currency}), comptes à risque</translation>
        </message>
        <message>
            <source>{n} customers churned</source>
            <translation>{n} clients partis</translation>
        </message>
        <message>
            <source>{ack} of them acknowledged · critical {critical} · high {high} · medium {medium} · low {low}</source>
            <translation>dont {ack} acquittées · critique {critical} · haute {high} · moyenne {medium} · basse {low}</translation>
        </message>
        <message>
            <source>median, raised → first action (resolve, intervention or note)</source>
            <translation>médiane, levée → première action (résolution, intervention ou note)</translation>
        </message>
        <message>
            <source>median resolution {time}</source>
            <translation>résolution médiane {time}</translation>
        </message>
        <message>
            <source>started · {n} concluded: {rate} kept the customer, {money} retained</source>
            <translation>lancées · {n} conclues : {rate} ont gardé le client, {money} conservés</translation>
        </message>
        <message>
            <source>started · none concluded yet</source>
            <translation>lancées · aucune conclue pour le moment</translation>
        </message>
        <message>
            <source>boosted</source>
            <translation>boosting</translation>
        </message>
        <message>
            <source>logistic</source>
            <translation>logistique</translation>
        </message>
        <message>
            <source>RFM logistic</source>
            <translation>logistique RFM</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <source>Demo ready: trained {model} and scored {scored} customers, {alerts} alerts raised</source>
            <translation>Démo prête : modèle {model} entraîné, {scored} clients notés, {alerts} alertes levées</translation>
        </message>
        <message>
            <source>Demo ready: scored {scored} customers, {alerts} alerts raised</source>
            <translation>Démo prête : {scored} clients notés, {alerts} alertes levées</translation>
        </message>
        <message>
            <source>The demo model was not prepared: {why}</source>
            <translation>Le modèle de démo n'a pas pu être préparé : {why}</translation>
        </message>
        <message>
            <source>Preparing the demo: training and scoring</source>
            <translation>Préparation de la démo : entraînement et calcul des scores</translation>
        </message>
    </context>
    <context>
        <name>FirstAdminDialog</name>
        <message>
            <source>Set up ChurnWatch: the first admin</source>
            <translation>Configurer ChurnWatch : le premier administrateur</translation>
        </message>
        <message>
            <source>This database has no staff accounts yet. Create the first administrator; they add everyone else on the Admin page.</source>
            <translation>Cette base de données n'a encore aucun compte du personnel. Créez le premier administrateur ; il ajoutera tous les autres depuis la page Administration.</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <source>Everywhere</source>
            <translation>Partout</translation>
        </message>
        <message>
            <source>Ctrl+1 … Ctrl+6</source>
            <translation>Ctrl+1 … Ctrl+6</translation>
        </message>
        <message>
            <source>Dashboard, Customers, Alerts, Tickets, Models, Settings</source>
            <translation>Tableau de bord, Clients, Alertes, Tickets, Modèles, Paramètres</translation>
        </message>
        <message>
            <source>Ctrl+F</source>
            <translation>Ctrl+F</translation>
        </message>
        <message>
            <source>the current page's search box</source>
            <translation>le champ de recherche de la page</translation>
        </message>
        <message>
            <source>F5</source>
            <translation>F5</translation>
        </message>
        <message>
            <source>refresh the current page</source>
            <translation>actualiser la page</translation>
        </message>
        <message>
            <source>Ctrl+N</source>
            <translation>Ctrl+N</translation>
        </message>
        <message>
            <source>new ticket</source>
            <translation>nouveau ticket</translation>
        </message>
        <message>
            <source>Ctrl+Z</source>
            <translation>Ctrl+Z</translation>
        </message>
        <message>
            <source>undo the last alert or ticket action (for a few seconds)</source>
            <translation>annuler la dernière action sur une alerte ou un ticket (pendant quelques secondes)</translation>
        </message>
        <message>
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <source>this help</source>
            <translation>cette aide</translation>
        </message>
        <message>
            <source>Ctrl+Q</source>
            <translation>Ctrl+Q</translation>
        </message>
        <message>
            <source>quit</source>
            <translation>quitter</translation>
        </message>
        <message>
            <source>Tab / Shift+Tab</source>
            <translation>Tab / Maj+Tab</translation>
        </message>
        <message>
            <source>next / previous field, button or table</source>
            <translation>champ, bouton ou tableau suivant / précédent</translation>
        </message>
        <message>
            <source>In a list</source>
            <translation>Dans une liste</translation>
        </message>
        <message>
            <source>↑ ↓, J K</source>
            <translation>↑ ↓, J K</translation>
        </message>
        <message>
            <source>previous / next row</source>
            <translation>ligne précédente / suivante</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <source>open the row's customer (Customer 360)</source>
            <translation>ouvrir le client de la ligne (Vue client 360)</translation>
        </message>
        <message>
            <source>Menu key, Shift+F10</source>
            <translation>Touche Menu, Maj+F10</translation>
        </message>
        <message>
            <source>the row's actions</source>
            <translation>les actions de la ligne</translation>
        </message>
        <message>
            <source>In the alert queue</source>
            <translation>Dans la file des alertes</translation>
        </message>
        <message>
            <source>A</source>
            <translation>A</translation>
        </message>
        <message>
            <source>acknowledge the selected alerts</source>
            <translation>acquitter les alertes sélectionnées</translation>
        </message>
        <message>
            <source>R</source>
            <translation>R</translation>
        </message>
        <message>
            <source>resolve them (asks for a note)</source>
            <translation>les résoudre (une note est demandée)</translation>
        </message>
        <message>
            <source>In a dialog</source>
            <translation>Dans une boîte de dialogue</translation>
        </message>
        <message>
            <source>save (only when the form is complete)</source>
            <translation>enregistrer (seulement si le formulaire est complet)</translation>
        </message>
        <message>
            <source>Ctrl+Enter</source>
            <translation>Ctrl+Entrée</translation>
        </message>
        <message>
            <source>save from a multi-line text</source>
            <translation>enregistrer depuis un texte sur plusieurs lignes</translation>
        </message>
        <message>
            <source>Esc</source>
            <translation>Échap</translation>
        </message>
        <message>
            <source>cancel: nothing is saved</source>
            <translation>annuler : rien n'est enregistré</translation>
        </message>
        <message>
            <source>In a customer picker</source>
            <translation>Dans un sélecteur de client</translation>
        </message>
        <message>
            <source>a few letters</source>
            <translation>quelques lettres</translation>
        </message>
        <message>
            <source>list the matching customers</source>
            <translation>afficher les clients correspondants</translation>
        </message>
        <message>
            <source>↓ then Enter</source>
            <translation>↓ puis Entrée</translation>
        </message>
        <message>
            <source>pick one</source>
            <translation>en choisir un</translation>
        </message>
        <message>
            <source>In Customer 360</source>
            <translation>Dans la vue client 360</translation>
        </message>
        <message>
            <source>Ctrl+Tab / Ctrl+Shift+Tab</source>
            <translation>Ctrl+Tab / Ctrl+Maj+Tab</translation>
        </message>
        <message>
            <source>next / previous tab</source>
            <translation>onglet suivant / précédent</translation>
        </message>
        <message>
            <source>close the view</source>
            <translation>fermer la vue</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>The numbers that matter today: customers at risk and the revenue behind them, open alerts and how fast they get a response, open tickets, interventions. Activate a tile (click, or Tab to it and press Enter) to open the matching list. The charts follow the period chosen at the top.</source>
            <translation>Les chiffres qui comptent aujourd'hui : les clients à risque et le chiffre d'affaires qu'ils représentent, les alertes ouvertes et la rapidité de réaction, les tickets ouverts, les interventions. Activez une vignette (clic, ou Tab jusqu'à elle puis Entrée) pour ouvrir la liste correspondante. Les graphiques suivent la période choisie en haut.</translation>
        </message>
        <message>
            <source>Customers</source>
            <translation>Clients</translation>
        </message>
        <message>
            <source>Every customer with their churn risk, health and value. Type in the search box to find a customer by name, email or order number; narrow the list with the risk, account, tag and segment filters. Enter opens the Customer 360: risk and its reasons, payments, behaviour, the timeline, orders, tickets, notes, tags and interventions, with the actions (new ticket, note, tag, outreach, acknowledge the customer's alerts). Select two customers and press Compare to see them side by side. Export (above the list) saves every customer the search and filters find, with the shown columns, as CSV or an Excel workbook; Customer 360's Export saves a one-page PDF summary (supervisors and admins; agents export the alerts and tickets assigned to them).</source>
            <translation>Tous les clients avec leur risque de départ, leur santé et leur valeur. Tapez dans le champ de recherche pour trouver un client par nom, e-mail ou numéro de commande ; affinez la liste avec les filtres de risque, de compte, d'étiquette et de segment. Entrée ouvre la vue client 360 : le risque et ses raisons, les paiements, le comportement, l'historique, les commandes, les tickets, les notes, les étiquettes et les interventions, avec les actions (nouveau ticket, note, étiquette, prise de contact, acquitter les alertes du client). Sélectionnez deux clients et cliquez sur Comparer pour les voir côte à côte. Exporter (au-dessus de la liste) enregistre tous les clients trouvés par la recherche et les filtres, avec les colonnes affichées, en CSV ou en classeur Excel ; Exporter dans la vue client 360 enregistre un résumé PDF d'une page (superviseurs et administrateurs ; les agents exportent les alertes et tickets qui leur sont attribués).</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>The queue: the most urgent first. Move with the arrows or J/K; A acknowledges (you are on it), R resolves with a note, Dismiss closes an alert that needs nothing, Assign hands it to a colleague. Several rows can be selected; “Apply to all matching” acts on everything the filter finds, as a background job you can cancel. Ctrl+Z undoes your last action for a few seconds, unless someone changed the alert since.</source>
            <translation>La file : les plus urgentes d'abord. Déplacez-vous avec les flèches ou J/K ; A acquitte (vous vous en occupez), R résout avec une note, Écarter clôture une alerte qui ne demande rien, Attribuer la confie à un collègue. Plusieurs lignes peuvent être sélectionnées ; « Appliquer à toutes les alertes du filtre » agit sur tout ce que le filtre retient, en tâche de fond que vous pouvez annuler. Ctrl+Z annule votre dernière action pendant quelques secondes, sauf si quelqu'un a modifié l'alerte entre-temps.</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>Support tickets, newest first. The panel shows the selected ticket's thread: reply (or add an internal note), move it along open → in progress → pending → resolved → closed, edit or assign it. New ticket (Ctrl+N) asks for the customer: type a few letters of their name or email and pick them from the list.</source>
            <translation>Les tickets du support, les plus récents d'abord. Le panneau affiche le fil du ticket sélectionné : répondez (ou ajoutez une note interne), faites-le avancer ouvert → en cours → en attente → résolu → fermé, modifiez-le ou attribuez-le. Nouveau ticket (Ctrl+N) demande le client : tapez quelques lettres de son nom ou de son e-mail et choisissez-le dans la liste.</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>Modèles</translation>
        </message>
        <message>
            <source>The churn models: train new ones from the history, compare their metrics and curves, activate the one scoring uses, and score every customer now (a background job with progress and cancel).</source>
            <translation>Les modèles d'attrition : entraînez-en de nouveaux à partir de l'historique, comparez leurs métriques et leurs courbes, activez celui qui sert au calcul des scores, et calculez tout de suite le score de chaque client (une tâche de fond avec progression et annulation).</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>The database this workstation opens at its next start (test a connection first), the theme: as the system, light or dark, used at once and remembered, and the language: as the system, English or French, used from the next start.</source>
            <translation>La base de données que ce poste ouvrira au prochain démarrage (testez d'abord la connexion), le thème : celui du système, clair ou sombre, appliqué tout de suite et mémorisé, et la langue, appliquée au prochain démarrage.</translation>
        </message>
        <message>
            <source>Your account</source>
            <translation>Votre compte</translation>
        </message>
        <message>
            <source>File → Change my password asks for your current password and a new one of at least 12 characters. File → Sign out returns to the sign-in dialog, so a colleague can sign in on the same workstation without restarting.</source>
            <translation>Fichier → Changer mon mot de passe demande votre mot de passe actuel et un nouveau d'au moins 12 caractères. Fichier → Se déconnecter revient à la fenêtre de connexion : un collègue peut se connecter sur le même poste sans redémarrer.</translation>
        </message>
        <message>
            <source>Find the customers about to leave, and work them: alerts, tickets, notes and outreach, all in one place.</source>
            <translation>Repérez les clients sur le point de partir et agissez : alertes, tickets, notes et prises de contact, au même endroit.</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <source>ChurnWatch help</source>
            <translation>Aide de ChurnWatch</translation>
        </message>
    </context>
    <context>
        <name>JobView</name>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Cancel: {job}</source>
            <translation>Annuler : {job}</translation>
        </message>
    </context>
    <context>
        <name>JobsBar</name>
        <message>
            <source>{job}: cancelled</source>
            <translation>{job} : annulé</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Dashboard</source>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>Customers</source>
            <translation>Clients</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>Modèles</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Audit</source>
            <translation>Audit</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Administration</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>New ticket…</source>
            <translation>Nouveau ticket…</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>Importer…</translation>
        </message>
        <message>
            <source>Work offline…</source>
            <translation>Travailler hors ligne…</translation>
        </message>
        <message>
            <source>Offline conflicts…</source>
            <translation>Conflits hors ligne…</translation>
        </message>
        <message>
            <source>Change my password…</source>
            <translation>Changer mon mot de passe…</translation>
        </message>
        <message>
            <source>Sign out…</source>
            <translation>Se déconnecter…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>É&amp;dition</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Find…</source>
            <translation>Rechercher…</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Thème</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Aide</translation>
        </message>
        <message>
            <source>ChurnWatch help</source>
            <translation>Aide de ChurnWatch</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>About ChurnWatch</source>
            <translation>À propos de ChurnWatch</translation>
        </message>
        <message>
            <source>Undo {what}</source>
            <translation>Annuler {what}</translation>
        </message>
        <message>
            <source>Importing needs the shared database, which cannot be reached now.</source>
            <translation>L'import a besoin de la base de données partagée, injoignable pour le moment.</translation>
        </message>
        <message>
            <source>Your password was changed</source>
            <translation>Votre mot de passe a été changé</translation>
        </message>
        <message>
            <source>The {page} page needs the shared database, which cannot be reached now.

Customers, Alerts and Tickets work from the copy on this computer; it comes back by itself when the connection does.</source>
            <translation>La page {page} a besoin de la base de données partagée, injoignable pour le moment.

Clients, Alertes et Tickets fonctionnent avec la copie de cet ordinateur ; la page revient d'elle-même avec la connexion.</translation>
        </message>
    </context>
    <context>
        <name>ModelsPage</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Algorithm</source>
            <translation>Algorithme</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Trained</source>
            <translation>Entraîné le</translation>
        </message>
        <message>
            <source>Lift</source>
            <translation>Lift</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Calcul</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modèle</translation>
        </message>
        <message>
            <source>Scored</source>
            <translation>Notés</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>As of</source>
            <translation>Date de référence</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Exactitude</translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>Précision</translation>
        </message>
        <message>
            <source>Recall</source>
            <translation>Rappel</translation>
        </message>
        <message>
            <source>Brier score</source>
            <translation>Score de Brier</translation>
        </message>
        <message>
            <source>Log loss</source>
            <translation>Perte logarithmique</translation>
        </message>
        <message>
            <source>Calibration error (decile ECE)</source>
            <translation>Erreur d'étalonnage (ECE par décile)</translation>
        </message>
        <message>
            <source>Top-decile lift</source>
            <translation>Lift du premier décile</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>Seuil</translation>
        </message>
        <message>
            <source>The winner of its training run: among the models within 0.01 of the best validation PR AUC (churners are rare, so precision among the flagged matters most), the best calibrated (lowest log loss): its probabilities are the ones shown and alerted on</source>
            <translation>Le gagnant de son entraînement : parmi les modèles à moins de 0,01 de la meilleure PR AUC de validation (les départs sont rares, la précision parmi les clients signalés compte donc le plus), le mieux étalonné (perte logarithmique la plus faible) : ce sont ses probabilités qui sont affichées et qui déclenchent les alertes</translation>
        </message>
        <message>
            <source>candidate</source>
            <translation>candidat</translation>
        </message>
        <message>
            <source>active</source>
            <translation>actif</translation>
        </message>
        <message>
            <source>retired</source>
            <translation>retiré</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>en attente</translation>
        </message>
        <message>
            <source>running</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>annulé</translation>
        </message>
        <message>
            <source>completed</source>
            <translation>terminé</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>échoué</translation>
        </message>
        <message>
            <source>metrics describe {n} {rule}</source>
            <translation>métriques calculées sur {n} {rule}</translation>
        </message>
        <message>
            <source>customers</source>
            <translation>clients</translation>
        </message>
        <message>
            <source>Versions and runs</source>
            <translation>Versions et calculs</translation>
        </message>
        <message>
            <source>Alert policy</source>
            <translation>Politique d'alerte</translation>
        </message>
        <message>
            <source>Model {name} activated</source>
            <translation>Modèle {name} activé</translation>
        </message>
        <message>
            <source>Model {name} retired</source>
            <translation>Modèle {name} retiré</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Train…</source>
            <translation>Entraîner…</translation>
        </message>
        <message>
            <source>Activate</source>
            <translation>Activer</translation>
        </message>
        <message>
            <source>Retire</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Score now</source>
            <translation>Calculer les scores</translation>
        </message>
        <message>
            <source>Score every customer with the active model (background)</source>
            <translation>Calculer le score de chaque client avec le modèle actif (en arrière-plan)</translation>
        </message>
        <message>
            <source>Scoring threads on this workstation</source>
            <translation>Fils de calcul sur ce poste</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>Modèles</translation>
        </message>
        <message>
            <source>&amp;Threads</source>
            <translation>&amp;Fils</translation>
        </message>
        <message>
            <source>Select a model version.</source>
            <translation>Sélectionnez une version de modèle.</translation>
        </message>
        <message>
            <source>ROC curve (validation)</source>
            <translation>Courbe ROC (validation)</translation>
        </message>
        <message>
            <source>Reliability (validation)</source>
            <translation>Fiabilité (validation)</translation>
        </message>
        <message>
            <source>Feature importance (PR AUC drop when shuffled)</source>
            <translation>Importance des variables (baisse de la PR AUC une fois mélangées)</translation>
        </message>
        <message>
            <source>No curve stored for this version</source>
            <translation>Aucune courbe enregistrée pour cette version</translation>
        </message>
        <message>
            <source>No importances stored for this version</source>
            <translation>Aucune importance enregistrée pour cette version</translation>
        </message>
        <message>
            <source>Calibration</source>
            <translation>Calibration</translation>
        </message>
        <message>
            <source>Feature importance</source>
            <translation>Importance des variables</translation>
        </message>
        <message>
            <source>Selected version</source>
            <translation>Version sélectionnée</translation>
        </message>
        <message>
            <source>Resume run</source>
            <translation>Reprendre le calcul</translation>
        </message>
        <message>
            <source>Score what a cancelled, failed or stalled run (its scorers are gone) left undone</source>
            <translation>Calculer ce qu'un calcul annulé, échoué ou bloqué (ses postes de calcul ont disparu) a laissé en suspens</translation>
        </message>
        <message>
            <source>Scoring runs</source>
            <translation>Calculs de scores</translation>
        </message>
        <message>
            <source>the models</source>
            <translation>les modèles</translation>
        </message>
        <message>
            <source> · winner</source>
            <translation> · gagnant</translation>
        </message>
        <message>
            <source>stalled (no scorer left)</source>
            <translation>bloqué (plus aucun poste de calcul)</translation>
        </message>
        <message>
            <source>Active model: &lt;b&gt;{name}&lt;/b&gt;</source>
            <translation>Modèle actif : &lt;b&gt;{name}&lt;/b&gt;</translation>
        </message>
        <message>
            <source> (trained as of {day})</source>
            <translation> (entraîné au {day})</translation>
        </message>
        <message>
            <source> · last run #{run} {status}, {n} scored</source>
            <translation> · dernier calcul n° {run} {status}, {n} notés</translation>
        </message>
        <message>
            <source> as of {day}</source>
            <translation> au {day}</translation>
        </message>
        <message>
            <source>No active model: select a version and Activate it to score</source>
            <translation>Aucun modèle actif : sélectionnez une version et cliquez sur Activer pour calculer les scores</translation>
        </message>
        <message>
            <source>No model yet: Train one from the customers' history</source>
            <translation>Aucun modèle pour le moment : entraînez-en un sur l'historique des clients</translation>
        </message>
        <message>
            <source>importance</source>
            <translation>importance</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;At the threshold&lt;/b&gt; (validation):&lt;br&gt;churners caught {tp}, missed {fn}&lt;br&gt;false alarms {fp}, correctly quiet {tn}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;Au seuil&lt;/b&gt; (validation) :&lt;br&gt;départs détectés {tp}, manqués {fn}&lt;br&gt;fausses alertes {fp}, silences justifiés {tn}&lt;/p&gt;</translation>
        </message>
        <message>
            <source>{rate} churn, </source>
            <translation>{rate} de départs, </translation>
        </message>
        <message>
            <source>&lt;b&gt;Training data&lt;/b&gt;: {rows} rows, {churn}{first} → {last}&lt;br&gt;churn = {definition}, horizon {horizon} days&lt;br&gt;validation rows {validation}, {protocol}</source>
            <translation>&lt;b&gt;Données d'entraînement&lt;/b&gt; : {rows} lignes, {churn}{first} → {last}&lt;br&gt;départ = {definition}, horizon {horizon} jours&lt;br&gt;lignes de validation {validation}, {protocol}</translation>
        </message>
        <message>
            <source>out-of-time</source>
            <translation>hors période</translation>
        </message>
        <message>
            <source>artifact sha256 {hash}…</source>
            <translation>artefact sha256 {hash}…</translation>
        </message>
        <message>
            <source>chance</source>
            <translation>hasard</translation>
        </message>
        <message>
            <source>model</source>
            <translation>modèle</translation>
        </message>
        <message>
            <source>calibration error (decile ECE) {ece}</source>
            <translation>erreur d'étalonnage (ECE par décile) {ece}</translation>
        </message>
        <message>
            <source>observed churn rate</source>
            <translation>taux d'attrition observé</translation>
        </message>
        <message>
            <source>perfect calibration</source>
            <translation>étalonnage parfait</translation>
        </message>
        <message>
            <source>Trained {n} models in {s} s; {winner} won (ROC AUC {auc})</source>
            <translation>{n} modèles entraînés en {s} s ; {winner} l’emporte (ROC AUC {auc})</translation>
        </message>
        <message>
            <source>Training models</source>
            <translation>Entraînement des modèles</translation>
        </message>
        <message>
            <source> (joined the run already in progress)</source>
            <translation> (rattaché au calcul déjà en cours)</translation>
        </message>
        <message>
            <source>, as of {when}</source>
            <translation>, au {when}</translation>
        </message>
        <message>
            <source>Run #{run}{joined}: {scored} customers scored, {alerts} alerts raised in {s} s{when}</source>
            <translation>Calcul n° {run}{joined} : {scored} clients notés, {alerts} alertes levées en {s} s{when}</translation>
        </message>
        <message>
            <source>Scoring customers</source>
            <translation>Calcul des scores clients</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulé</translation>
        </message>
        <message>
            <source>gradient boosting</source>
            <translation>gradient boosting</translation>
        </message>
        <message>
            <source>logistic regression</source>
            <translation>régression logistique</translation>
        </message>
        <message>
            <source>RFM logistic regression</source>
            <translation>régression logistique RFM</translation>
        </message>
        <message>
            <source>stratified k-fold</source>
            <translation>validation croisée stratifiée</translation>
        </message>
        <message>
            <source>customers not yet churned at the cutoff (a churned account without a date counts as churned in the newest period)</source>
            <translation>clients pas encore partis à la date de coupure (un compte parti sans date compte comme parti dans la période la plus récente)</translation>
        </message>
        <message>
            <source>customers with an order in the {days} days before the cutoff (the lapsed, already inactive that long, are left out, as scoring leaves them out)</source>
            <translation>clients ayant commandé dans les {days} jours avant la date de coupure (les inactifs depuis aussi longtemps sont laissés de côté, comme lors du calcul des scores)</translation>
        </message>
        <message>
            <source>account status is churned</source>
            <translation>le statut du compte est « parti »</translation>
        </message>
        <message>
            <source>no order for {days} days</source>
            <translation>aucune commande depuis {days} jours</translation>
        </message>
    </context>
    <context>
        <name>OfflineBanner</name>
        <message>
            <source>Offline since {when} — the shared database cannot be reached and no offline copy was taken on this computer (File → Work offline… when it is back)</source>
            <translation>Hors ligne depuis {when} — la base de données partagée est injoignable et aucune copie hors ligne n'a été prise sur cet ordinateur (Fichier → Travailler hors ligne… quand elle sera revenue)</translation>
        </message>
        <message>
            <source>Offline since {when} — your changes are kept on this computer and sent when the database is back · {n} waiting</source>
            <translation>Hors ligne depuis {when} — vos modifications sont gardées sur cet ordinateur et envoyées au retour de la base · {n} en attente</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser</translation>
        </message>
        <message>
            <source>Try the shared database now and send the waiting changes</source>
            <translation>Réessayer la base de données partagée maintenant et envoyer les modifications en attente</translation>
        </message>
        <message>
            <source>Conflicts…</source>
            <translation>Conflits…</translation>
        </message>
        <message>
            <source>Sending 1 change made offline to the shared database…</source>
            <translation>Envoi à la base de données partagée de la modification faite hors ligne…</translation>
        </message>
        <message>
            <source>Sending {n} changes made offline to the shared database…</source>
            <translation>Envoi à la base de données partagée des {n} modifications faites hors ligne…</translation>
        </message>
        <message>
            <source>1 offline change not applied: the same fields changed on the server meanwhile. Keep yours or theirs.</source>
            <translation>1 modification hors ligne non appliquée : les mêmes champs ont changé entre-temps sur le serveur. Gardez la vôtre ou celle du serveur.</translation>
        </message>
        <message>
            <source>{n} offline changes not applied: the same fields changed on the server meanwhile. Keep yours or theirs.</source>
            <translation>{n} modifications hors ligne non appliquées : les mêmes champs ont changé entre-temps sur le serveur. Gardez les vôtres ou celles du serveur.</translation>
        </message>
        <message>
            <source>Conflicts ({n})…</source>
            <translation>Conflits ({n})…</translation>
        </message>
    </context>
    <context>
        <name>OfflineController</name>
        <message>
            <source>Taking work offline</source>
            <translation>Copie du travail pour le hors ligne</translation>
        </message>
        <message>
            <source>Refreshing the offline copy</source>
            <translation>Mise à jour de la copie hors ligne</translation>
        </message>
        <message>
            <source>The offline copy was not updated: {why}</source>
            <translation>La copie hors ligne n'a pas été mise à jour : {why}</translation>
        </message>
        <message>
            <source>Sending the offline changes</source>
            <translation>Envoi des modifications hors ligne</translation>
        </message>
        <message>
            <source>Sent 1 offline change: {applied} applied, {conflicts} in conflict</source>
            <translation>1 modification hors ligne envoyée : {applied} appliquée, {conflicts} en conflit</translation>
        </message>
        <message>
            <source>Sent {n} offline changes: {applied} applied, {conflicts} in conflict</source>
            <translation>{n} modifications hors ligne envoyées : {applied} appliquées, {conflicts} en conflit</translation>
        </message>
    </context>
    <context>
        <name>PasswordFields</name>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>Confirmer le mot de passe</translation>
        </message>
        <message>
            <source>the two passwords differ</source>
            <translation>les deux mots de passe sont différents</translation>
        </message>
        <message>
            <source>At least {n} characters, not the username, not common.</source>
            <translation>Au moins {n} caractères, différent du nom d'utilisateur et pas trop courant.</translation>
        </message>
        <message>
            <source>Good; type it again.</source>
            <translation>Bien ; saisissez-le une deuxième fois.</translation>
        </message>
        <message>
            <source>Good.</source>
            <translation>Bien.</translation>
        </message>
    </context>
    <context>
        <name>ResetPasswordDialog</name>
        <message>
            <source>New password for {name}</source>
            <translation>Nouveau mot de passe pour {name}</translation>
        </message>
        <message>
            <source>Set password</source>
            <translation>Définir le mot de passe</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Nom d'utilisateur</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <source>agent</source>
            <translation>agent</translation>
        </message>
        <message>
            <source>supervisor</source>
            <translation>superviseur</translation>
        </message>
        <message>
            <source>admin</source>
            <translation>administrateur</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>resolved and dismissed alerts</source>
            <translation>les alertes résolues et écartées</translation>
        </message>
        <message>
            <source>churn predictions</source>
            <translation>les prédictions d'attrition</translation>
        </message>
        <message>
            <source>customer events</source>
            <translation>les événements clients</translation>
        </message>
        <message>
            <source>system metrics</source>
            <translation>les métriques système</translation>
        </message>
        <message>
            <source>deleted customers (and all their rows)</source>
            <translation>les clients supprimés (et toutes leurs lignes)</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>sqlite:///path/to/file.db or mysql://user@host:3306/name</source>
            <translation>sqlite:///chemin/vers/fichier.db ou mysql://utilisateur@hôte:3306/nom</translation>
        </message>
        <message>
            <source>Database URL</source>
            <translation>URL de la base</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Tester la connexion</translation>
        </message>
        <message>
            <source>Use at next start</source>
            <translation>Utiliser au prochain démarrage</translation>
        </message>
        <message>
            <source>Now connected to {url}; signed in as {name} ({role}).</source>
            <translation>Connecté actuellement à {url} ; session de {name} ({role}).</translation>
        </message>
        <message>
            <source>Used at once, and at every start (--theme overrides it for one start).</source>
            <translation>Appliqué tout de suite et à chaque démarrage (--theme le remplace le temps d'un démarrage).</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Thème</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>As the system</source>
            <translation>Comme le système</translation>
        </message>
        <message>
            <source>Used from the next start of ChurnWatch.</source>
            <translation>Appliquée au prochain démarrage de ChurnWatch.</translation>
        </message>
        <message>
            <source>Language saved: ChurnWatch uses it from its next start</source>
            <translation>Langue enregistrée : ChurnWatch l’utilisera dès son prochain démarrage</translation>
        </message>
        <message>
            <source>Data retention</source>
            <translation>Conservation des données</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>Keep {what} for</source>
            <translation>Conserver {what} pendant</translation>
        </message>
        <message>
            <source>Keep {what}</source>
            <translation>Conserver {what}</translation>
        </message>
        <message>
            <source>Save policy</source>
            <translation>Enregistrer la politique</translation>
        </message>
        <message>
            <source>What would go now?</source>
            <translation>Que supprimerait-on maintenant ?</translation>
        </message>
        <message>
            <source>Old rows are removed by `churnwatch retention` (schedule it daily); events the active model reads are always kept.</source>
            <translation>Les anciennes lignes sont supprimées par `churnwatch retention` (à planifier chaque jour) ; les événements lus par le modèle actif sont toujours conservés.</translation>
        </message>
        <message>
            <source>Saved: the policy applies at the next retention run.</source>
            <translation>Enregistrée : la politique s'applique au prochain passage de la conservation.</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>Comptage…</translation>
        </message>
        <message>
            <source>Testing…</source>
            <translation>Test en cours…</translation>
        </message>
        <message>
            <source>no ChurnWatch tables yet</source>
            <translation>pas encore de tables ChurnWatch</translation>
        </message>
        <message>
            <source>schema version {n}</source>
            <translation>schéma version {n}</translation>
        </message>
        <message>
            <source>OK: {server}, {schema}; connected in {connect} ms, round trip {ping} ms</source>
            <translation>OK : {server}, {schema} ; connexion en {connect} ms, aller-retour {ping} ms</translation>
        </message>
        <message>
            <source>could not connect ({error})</source>
            <translation>connexion impossible ({error})</translation>
        </message>
        <message>
            <source>Failed: {why}</source>
            <translation>Échec : {why}</translation>
        </message>
        <message>
            <source>Saved; ChurnWatch uses this database from its next start</source>
            <translation>Enregistré ; ChurnWatch utilisera cette base dès son prochain démarrage</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>{url} (offline copy)</source>
            <translation>{url} (copie hors ligne)</translation>
        </message>
    </context>
    <context>
        <name>Theme</name>
        <message>
            <source>As the system</source>
            <translation>Comme le système</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Clair</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Sombre</translation>
        </message>
    </context>
    <context>
        <name>TicketPanel</name>
        <message>
            <source>Select a ticket.</source>
            <translation>Sélectionnez un ticket.</translation>
        </message>
        <message>
            <source>&amp;Status</source>
            <translation>&amp;Statut</translation>
        </message>
        <message>
            <source>Move</source>
            <translation>Déplacer</translation>
        </message>
        <message>
            <source>Move the ticket to the status chosen beside</source>
            <translation>Passer le ticket au statut choisi à côté</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Assign…</source>
            <translation>Attribuer…</translation>
        </message>
        <message>
            <source>Add to thread</source>
            <translation>Ajouter au fil</translation>
        </message>
        <message>
            <source>Add the reply to the thread (Ctrl+Enter in the reply)</source>
            <translation>Ajouter la réponse au fil (Ctrl+Entrée dans la réponse)</translation>
        </message>
        <message>
            <source>Loading ticket…</source>
            <translation>Chargement du ticket…</translation>
        </message>
        <message>
            <source>The ticket is still loading; try again</source>
            <translation>Le ticket est encore en chargement ; réessayez</translation>
        </message>
        <message>
            <source>This ticket no longer exists.</source>
            <translation>Ce ticket n'existe plus.</translation>
        </message>
        <message>
            <source>opened {when}</source>
            <translation>ouvert le {when}</translation>
        </message>
        <message>
            <source>first response {when}</source>
            <translation>première réponse le {when}</translation>
        </message>
        <message>
            <source>resolved {when}</source>
            <translation>résolu le {when}</translation>
        </message>
        <message>
            <source>{category} · &lt;b&gt;{priority}&lt;/b&gt; priority · &lt;b&gt;{status}&lt;/b&gt; · assigned to {who}</source>
            <translation>{category} · priorité &lt;b&gt;{priority}&lt;/b&gt; · &lt;b&gt;{status}&lt;/b&gt; · attribué à {who}</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>personne</translation>
        </message>
        <message>
            <source>internal note</source>
            <translation>note interne</translation>
        </message>
        <message>
            <source>No messages yet.</source>
            <translation>Aucun message pour le moment.</translation>
        </message>
        <message>
            <source>Ticket {number} moved to {status}</source>
            <translation>Ticket {number} passé en {status}</translation>
        </message>
        <message>
            <source>move of {number}</source>
            <translation>le changement de statut de {number}</translation>
        </message>
        <message>
            <source>back to {status}</source>
            <translation>— retour à « {status} »</translation>
        </message>
        <message>
            <source>Undone: ticket {number} {back}</source>
            <translation>Annulé : ticket {number} {back}</translation>
        </message>
        <message>
            <source>edit of {number}</source>
            <translation>la modification de {number}</translation>
        </message>
        <message>
            <source>as it was</source>
            <translation>— remis tel qu’il était</translation>
        </message>
        <message>
            <source>Assign ticket</source>
            <translation>Attribuer le ticket</translation>
        </message>
        <message>
            <source>Assign to</source>
            <translation>Attribuer à</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>Attribuer</translation>
        </message>
        <message>
            <source>assignment of {number}</source>
            <translation>l'attribution de {number}</translation>
        </message>
        <message>
            <source>back to {who}</source>
            <translation>— rendu à {who}</translation>
        </message>
    </context>
    <context>
        <name>TicketsPage</name>
        <message>
            <source>Tickets</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>Subject, customer or ticket number</source>
            <translation>Objet, client ou numéro de ticket</translation>
        </message>
        <message>
            <source>Opened</source>
            <translation>Ouvert le</translation>
        </message>
        <message>
            <source>Finds tickets whose subject or customer name contains the text, or whose customer's email address starts with it. A number finds that ticket (42, T-42, T-000042).
Down or Enter moves into the results. Ctrl+F</source>
            <translation>Trouve les tickets dont l'objet ou le nom du client contient le texte, ou dont l'adresse e-mail du client commence par celui-ci. Un numéro trouve ce ticket (42, T-42, T-000042).
Bas ou Entrée pour aller dans les résultats. Ctrl+F</translation>
        </message>
        <message>
            <source>New ticket…</source>
            <translation>Nouveau ticket…</translation>
        </message>
        <message>
            <source>Open a ticket for a customer (Ctrl+N)</source>
            <translation>Ouvrir un ticket pour un client (Ctrl+N)</translation>
        </message>
        <message>
            <source>Not closed</source>
            <translation>Non fermés</translation>
        </message>
        <message>
            <source>Unresolved</source>
            <translation>Non résolus</translation>
        </message>
        <message>
            <source>Any status</source>
            <translation>Tous les statuts</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Any priority</source>
            <translation>Toutes les priorités</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Any category</source>
            <translation>Toutes les catégories</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>My tickets</source>
            <translation>Mes tickets</translation>
        </message>
        <message>
            <source>Ticket {number} created</source>
            <translation>Ticket {number} créé</translation>
        </message>
        <message>
            <source>Edit ticket…</source>
            <translation>Modifier le ticket…</translation>
        </message>
        <message>
            <source>Assign…</source>
            <translation>Attribuer…</translation>
        </message>
    </context>
    <context>
        <name>TrainDialog</name>
        <message>
            <source>Train churn models</source>
            <translation>Entraîner des modèles d'attrition</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>Account status is churned</source>
            <translation>Le statut du compte est « parti »</translation>
        </message>
        <message>
            <source>No order for N days</source>
            <translation>Aucune commande depuis N jours</translation>
        </message>
        <message>
            <source>Activate the better model when training finishes</source>
            <translation>Activer le meilleur modèle à la fin de l'entraînement</translation>
        </message>
        <message>
            <source>Prediction horizon</source>
            <translation>Horizon de prédiction</translation>
        </message>
        <message>
            <source>Churn means</source>
            <translation>Un départ, c’est</translation>
        </message>
        <message>
            <source>Inactivity (N)</source>
            <translation>Inactivité (N)</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>Entraîner</translation>
        </message>
        <message>
            <source>A regularised logistic regression, a gradient-boosted model and, on an order history, a
logistic regression on recency, frequency, order value and tenure are trained on past snapshots
and compared on the most recent one; the best one wins.</source>
            <translation>Une régression logistique régularisée, un modèle à gradient boosting et, sur un historique de commandes,
une régression logistique sur la récence, la fréquence, la valeur des commandes et l&apos;ancienneté sont entraînés
sur des photos passées et comparés sur la plus récente ; le meilleur l&apos;emporte.</translation>
        </message>
    </context>
    <context>
        <name>UndoBar</name>
        <message>
            <source>Undone: 1 alert {back_to}</source>
            <translation>Annulé : 1 alerte {back_to}</translation>
        </message>
        <message>
            <source>Undone: %Ln alerts {back_to}</source>
            <translation>Annulé : %Ln alertes {back_to}</translation>
        </message>
        <message>
            <source>; 1 left as it is (changed since)</source>
            <translation>; 1 laissée telle quelle (modifiée entre-temps)</translation>
        </message>
        <message>
            <source>; %Ln left as they are (changed since)</source>
            <translation>; %Ln laissées telles quelles (modifiées entre-temps)</translation>
        </message>
        <message>
            <source>Nothing undone: the alert was changed since</source>
            <translation>Rien n'a été annulé : l'alerte a été modifiée entre-temps</translation>
        </message>
        <message>
            <source>Nothing undone: they were changed since</source>
            <translation>Rien n'a été annulé : les alertes ont été modifiées entre-temps</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Undo {what}</source>
            <translation>Annuler {what}</translation>
        </message>
        <message>
            <source>Undo {what} (Ctrl+Z, for a few seconds)</source>
            <translation>Annuler {what} (Ctrl+Z, pendant quelques secondes)</translation>
        </message>
        <message>
            <source>Nothing to undo</source>
            <translation>Rien à annuler</translation>
        </message>
        <message>
            <source>Not undone: {why}</source>
            <translation>Non annulé : {why}</translation>
        </message>
    </context>
    <context>
        <name>WorkOfflineDialog</name>
        <message>
            <source>Work offline</source>
            <translation>Travailler hors ligne</translation>
        </message>
        <message>
            <source>Keep a copy of these alerts, their customers and what the Customer 360 shows on this computer, to work on them without the shared database. The copy refreshes in the background while the connection is good.</source>
            <translation>Garder sur cet ordinateur une copie de ces alertes, de leurs clients et de ce qu'affiche la vue client 360, pour les traiter sans la base de données partagée. La copie se met à jour en arrière-plan tant que la connexion est bonne.</translation>
        </message>
        <message>
            <source>Mine, or unassigned high and critical</source>
            <translation>Les miennes, et les hautes et critiques non attribuées</translation>
        </message>
        <message>
            <source>Assigned to me</source>
            <translation>Qui me sont attribuées</translation>
        </message>
        <message>
            <source>Anyone's</source>
            <translation>Celles de tout le monde</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Priority (none: any)</source>
            <translation>Priorité (aucune : toutes)</translation>
        </message>
        <message>
            <source>At most</source>
            <translation>Au plus</translation>
        </message>
        <message>
            <source>Take offline</source>
            <translation>Copier pour le hors ligne</translation>
        </message>
        <message>
            <source>Choose at least one status.</source>
            <translation>Choisissez au moins un statut.</translation>
        </message>
    </context>
</TS>
