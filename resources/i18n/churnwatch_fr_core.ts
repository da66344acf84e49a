<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Alerts</name>
    <message>
        <source>Churn risk LOW ({percent})</source>
        <translation>Risque faible ({percent})</translation>
    </message>
    <message>
        <source>Churn risk MEDIUM ({percent})</source>
        <translation>Risque moyen ({percent})</translation>
    </message>
    <message>
        <source>Churn risk HIGH ({percent})</source>
        <translation>Risque élevé ({percent})</translation>
    </message>
    <message>
        <source>Churn risk CRITICAL ({percent})</source>
        <translation>Risque critique ({percent})</translation>
    </message>
    <message>
        <source>Churn risk up {points} points</source>
        <translation>Risque de départ en hausse de {points} points</translation>
    </message>
    <message>
        <source>Card expires {month}</source>
        <translation>Carte expirant fin {month}</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Paiement refusé</translation>
    </message>
    <message>
        <source>Ticket {number} escalated</source>
        <translation>Ticket {number} escaladé</translation>
    </message>
    <message>
        <source>Churn probability {percent}, was {before}; alert policy: {policy}.</source>
        <translation>Probabilité de départ {percent}, contre {before} auparavant ; règle d’alerte : {policy}.</translation>
    </message>
    <message>
        <source>Churn probability {percent}; alert policy: {policy}.</source>
        <translation>Probabilité de départ {percent} ; règle d’alerte : {policy}.</translation>
    </message>
    <message>
        <source>Churn probability {percent}, was {before}.</source>
        <translation>Probabilité de départ {percent}, contre {before} auparavant.</translation>
    </message>
    <message>
        <source>Churn probability {percent}.</source>
        <translation>Probabilité de départ {percent}.</translation>
    </message>
    <message>
        <source>Churn probability rose from {before} to {percent}.</source>
        <translation>La probabilité de départ est passée de {before} à {percent}.</translation>
    </message>
    <message>
        <source>Top reasons: {reasons}</source>
        <translation>Principales raisons : {reasons}</translation>
    </message>
    <message>
        <source>{label} ({text})</source>
        <translation>{label} ({text})</translation>
    </message>
    <message>
        <source>A card on file expires within 30 days; ask for a new one.</source>
        <translation>Une carte enregistrée expire dans les 30 jours ; demandez-en une nouvelle.</translation>
    </message>
    <message>
        <source>A payment of {amount} failed on {day} ({reason}).</source>
        <translation>Un paiement de {amount} a échoué le {day} ({reason}).</translation>
    </message>
    <message>
        <source>A payment of {amount} failed on {day}.</source>
        <translation>Un paiement de {amount} a échoué le {day}.</translation>
    </message>
    <message>
        <source>An escalated ticket is still open.</source>
        <translation>Un ticket escaladé est toujours ouvert.</translation>
    </message>
    <message>
        <source>A ticket was escalated to a supervisor.</source>
        <translation>Un ticket a été escaladé à un superviseur.</translation>
    </message>
    <message>
        <source>Payment gateway failures above {share}</source>
        <translation>Échecs de la passerelle de paiement au-delà de {share}</translation>
    </message>
    <message>
        <source>Nightly backup finished late</source>
        <translation>La sauvegarde de nuit a fini en retard</translation>
    </message>
    <message>
        <source>Card payments failed more often than usual in the last 24 hours.</source>
        <translation>Les paiements par carte ont échoué plus souvent que d’habitude ces dernières 24 heures.</translation>
    </message>
    <message>
        <source>The backup took {taken} h instead of {usual} h.</source>
        <translation>La sauvegarde a pris {taken} h au lieu de {usual} h.</translation>
    </message>
    <message>
        <source>a card no longer on file</source>
        <translation>une carte qui n’est plus enregistrée</translation>
    </message>
    <message>
        <source>{brand} card ending {last_four} (expires {month})</source>
        <translation>Carte {brand} se terminant par {last_four} (expire fin {month})</translation>
    </message>
    <message>
        <source>A payment that is no longer on record</source>
        <translation>Un paiement qui n’est plus enregistré</translation>
    </message>
    <message>
        <source>Payment of {amount} {currency} {status} on {when}</source>
        <translation>Paiement de {amount} {currency} le {when} : {status}</translation>
    </message>
    <message>
        <source>A card that is no longer on file</source>
        <translation>Une carte qui n’est plus enregistrée</translation>
    </message>
    <message>
        <source>{card}, {status}</source>
        <translation>{card}, {status}</translation>
    </message>
    <message>
        <source>{card}; charging it failed {n} time</source>
        <translation>{card} ; le débit a échoué {n} fois</translation>
    </message>
    <message>
        <source>{card}; charging it failed {n} times</source>
        <translation>{card} ; le débit a échoué {n} fois</translation>
    </message>
    <message>
        <source>A related record ({kinds})</source>
        <translation>Un enregistrement lié ({kinds})</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>there is no database file at {path}</source>
        <translation>il n&apos;y a pas de fichier de base à {path}</translation>
    </message>
    <message>
        <source>{path} already exists; name a new file</source>
        <translation>{path} existe déjà ; donnez un nouveau nom de fichier</translation>
    </message>
    <message>
        <source>the backup file must not be the database itself</source>
        <translation>le fichier de sauvegarde ne peut pas être la base elle-même</translation>
    </message>
    <message>
        <source>there is no folder {path}</source>
        <translation>le dossier {path} n&apos;existe pas</translation>
    </message>
    <message>
        <source>{path} is not a ChurnWatch database (it has no schema version)</source>
        <translation>{path} n&apos;est pas une base ChurnWatch (elle n&apos;a pas de version de schéma)</translation>
    </message>
    <message>
        <source>there is no backup file at {path}</source>
        <translation>il n&apos;y a pas de fichier de sauvegarde à {path}</translation>
    </message>
    <message>
        <source>{path} is not a SQLite database ({why})</source>
        <translation>{path} n&apos;est pas une base SQLite ({why})</translation>
    </message>
    <message>
        <source>{path} is damaged: {problem}</source>
        <translation>{path} est endommagé : {problem}</translation>
    </message>
    <message>
        <source>{path} has schema {version}, newer than this ChurnWatch ({code_version}); restore it with a newer ChurnWatch</source>
        <translation>{path} a le schéma {version}, plus récent que ce ChurnWatch ({code_version}) ; restaurez-le avec une version plus récente de ChurnWatch</translation>
    </message>
    <message>
        <source>{path} has no usable schema version ({version})</source>
        <translation>{path} n&apos;a pas de version de schéma utilisable ({version})</translation>
    </message>
    <message>
        <source>the backup file is the database itself</source>
        <translation>le fichier de sauvegarde est la base elle-même</translation>
    </message>
    <message>
        <source>the shared MySQL database is backed up and restored with the server&apos;s tools (mysqldump --single-transaction --no-tablespaces --skip-routines …, or mariadb-backup); see the README, Backups</source>
        <translation>la base MySQL partagée se sauvegarde et se restaure avec les outils du serveur (mysqldump --single-transaction --no-tablespaces --skip-routines …, ou mariadb-backup) ; voir le README, Backups</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>churnwatch: warning: {message}</source>
        <translation>churnwatch : avertissement : {message}</translation>
    </message>
    <message>
        <source>churnwatch: error: {message}</source>
        <translation>churnwatch : erreur : {message}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a whole number</source>
        <translation>« {text} » n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>doit valoir au moins 1</translation>
    </message>
    <message>
        <source>must be at most {maximum}</source>
        <translation>doit valoir au plus {maximum}</translation>
    </message>
    <message>
        <source>act as this staff member (password from $CHURNWATCH_PASSWORD, else a prompt); required once the database has staff accounts, and the permission matrix applies</source>
        <translation>agir en tant que ce membre de l&apos;équipe (mot de passe lu dans $CHURNWATCH_PASSWORD, sinon demandé) ; obligatoire dès que la base a des comptes d&apos;équipe, et les droits de ce compte s&apos;appliquent</translation>
    </message>
    <message>
        <source>password for {name}: </source>
        <translation>mot de passe de {name} : </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not SOURCE=FIELD</source>
        <translation>« {text} » n&apos;est pas de la forme SOURCE=CHAMP</translation>
    </message>
    <message>
        <source>import a shop&apos;s data from CSV or XLSX</source>
        <translation>importer les données d&apos;une boutique depuis un fichier CSV ou XLSX</translation>
    </message>
    <message>
        <source>Import customers, orders and the rest from a CSV or XLSX file. Columns are matched to fields by name; correct them with --map. Kinds: {kinds}</source>
        <translation>Importe les clients, les commandes et le reste depuis un fichier CSV ou XLSX. Les colonnes sont associées aux champs d&apos;après leur nom ; corrigez-les avec --map. Types : {kinds}</translation>
    </message>
    <message>
        <source>fill FIELD from the column SOURCE (empty FIELD: ignore it)</source>
        <translation>remplir le champ FIELD avec la colonne SOURCE (FIELD vide : l&apos;ignorer)</translation>
    </message>
    <message>
        <source>start from the saved mapping NAME</source>
        <translation>partir de la correspondance enregistrée NAME</translation>
    </message>
    <message>
        <source>save the mapping used as NAME</source>
        <translation>enregistrer la correspondance utilisée sous le nom NAME</translation>
    </message>
    <message>
        <source>dates as YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, YYYYMMDD, excel or a strftime pattern (default: detected per column)</source>
        <translation>format des dates : YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, YYYYMMDD, excel ou un motif strftime (par défaut : détecté pour chaque colonne)</translation>
    </message>
    <message>
        <source>numbers use a decimal comma (default: detected per column)</source>
        <translation>les nombres utilisent une virgule décimale (par défaut : détecté pour chaque colonne)</translation>
    </message>
    <message>
        <source>create the customers rows refer to that are not known yet</source>
        <translation>créer les clients cités par les lignes qui ne sont pas encore connus</translation>
    </message>
    <message>
        <source>write the valid rows, save the rejected ones beside the file</source>
        <translation>écrire les lignes valides, enregistrer les lignes refusées à côté du fichier</translation>
    </message>
    <message>
        <source>check only: write nothing</source>
        <translation>vérifier seulement : ne rien écrire</translation>
    </message>
    <message>
        <source>machine-readable report</source>
        <translation>rapport lisible par un programme (JSON)</translation>
    </message>
    <message>
        <source>note: {message}</source>
        <translation>remarque : {message}</translation>
    </message>
    <message>
        <source>rejected rows: {path}</source>
        <translation>lignes refusées : {path}</translation>
    </message>
    <message>
        <source>… and {more} more</source>
        <translation>… et {more} de plus</translation>
    </message>
    <message>
        <source>nothing was written</source>
        <translation>rien n&apos;a été écrit</translation>
    </message>
    <message>
        <source>train churn models on the history, compare them and store them as versions</source>
        <translation>entraîner des modèles de départ sur l&apos;historique, les comparer et les enregistrer comme versions</translation>
    </message>
    <message>
        <source>train as if today were DATE (YYYY-MM-DD; default now, or the day after the newest activity when that is older than the horizon)</source>
        <translation>entraîner comme si l&apos;on était le DATE (AAAA-MM-JJ ; par défaut maintenant, ou le lendemain de la dernière activité si elle est plus ancienne que l&apos;horizon)</translation>
    </message>
    <message>
        <source>predict churn within N days (default 90)</source>
        <translation>prédire les départs dans les N jours (90 par défaut)</translation>
    </message>
    <message>
        <source>status: the account was marked churned; inactivity: no order for --inactive-days</source>
        <translation>status : le compte a été marqué comme parti ; inactivity : aucune commande depuis --inactive-days jours</translation>
    </message>
    <message>
        <source>days without an order that count as churn (default 90)</source>
        <translation>jours sans commande au-delà desquels le client est considéré comme parti (90 par défaut)</translation>
    </message>
    <message>
        <source>periods to learn from: N-1 for training and the newest for validation (default 4); 1 = a single period (a snapshot export), validated by stratified k-fold</source>
        <translation>périodes d&apos;apprentissage : N-1 pour l&apos;entraînement et la plus récente pour la validation (4 par défaut) ; 1 = une seule période (un export instantané), validée par k blocs stratifiés</translation>
    </message>
    <message>
        <source>days between training snapshots (default 30)</source>
        <translation>jours entre deux instantanés d&apos;entraînement (30 par défaut)</translation>
    </message>
    <message>
        <source>make the winner the active model</source>
        <translation>faire du gagnant le modèle actif</translation>
    </message>
    <message>
        <source>list model versions and their metrics; activate, retire</source>
        <translation>lister les versions de modèle et leurs mesures ; activer, retirer</translation>
    </message>
    <message>
        <source>make a version the model scoring uses</source>
        <translation>faire d&apos;une version le modèle utilisé pour le calcul des scores</translation>
    </message>
    <message>
        <source>take a version out of use</source>
        <translation>retirer une version du service</translation>
    </message>
    <message>
        <source>score every customer with the active (or named) model</source>
        <translation>calculer le score de chaque client avec le modèle actif (ou celui indiqué)</translation>
    </message>
    <message>
        <source>score with this version (default: active)</source>
        <translation>calculer avec cette version (par défaut : la version active)</translation>
    </message>
    <message>
        <source>compute features as of DATE (YYYY-MM-DD; default now, or the day after the newest activity when that is older than the model&apos;s horizon)</source>
        <translation>calculer les variables à la date DATE (AAAA-MM-JJ ; par défaut maintenant, ou le lendemain de la dernière activité si elle est plus ancienne que l&apos;horizon du modèle)</translation>
    </message>
    <message>
        <source>customers per chunk (default {default}, at most {maximum})</source>
        <translation>clients par lot ({default} par défaut, au plus {maximum})</translation>
    </message>
    <message>
        <source>threads, each with its own database connection (default 2, at most {maximum})</source>
        <translation>fils d&apos;exécution, chacun avec sa propre connexion à la base (2 par défaut, au plus {maximum})</translation>
    </message>
    <message>
        <source>continue a cancelled or failed run (or help a running one) instead of starting</source>
        <translation>reprendre un calcul annulé ou en échec (ou aider un calcul en cours) au lieu d&apos;en lancer un nouveau</translation>
    </message>
    <message>
        <source>a claimed chunk not finished within S seconds may be taken over (default {default}, at most {maximum})</source>
        <translation>un lot réservé qui n&apos;est pas terminé en S secondes peut être repris par un autre poste ({default} par défaut, au plus {maximum})</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date (use YYYY-MM-DD)</source>
        <translation>« {text} » n&apos;est pas une date (écrivez AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>must be a date from {min_year} to {max_year}</source>
        <translation>doit être une date entre {min_year} et {max_year}</translation>
    </message>
    <message>
        <source>Trained on {url} as of {as_of}: churn = {definition}, horizon {days} days</source>
        <translation>Entraînement sur {url} au {as_of} : départ = {definition}, horizon de {days} jours</translation>
    </message>
    <message>
        <source>training:   {rows} rows ({customers} customers), {rate} churned, {start} → {end} ({snapshots} snapshots)</source>
        <translation>entraînement : {rows} lignes ({customers} clients), {rate} de départs, {start} → {end} ({snapshots} instantanés)</translation>
    </message>
    <message>
        <source>validation: stratified {folds}-fold on the one period, not out-of-time: {note}</source>
        <translation>validation : {folds} blocs stratifiés sur l&apos;unique période, pas hors période : {note}</translation>
    </message>
    <message>
        <source>validation: {rows} rows, {rate} churned, {start} → {end} (out-of-time)</source>
        <translation>validation : {rows} lignes, {rate} de départs, {start} → {end} (hors période)</translation>
    </message>
    <message>
        <source>version</source>
        <translation>version</translation>
    </message>
    <message>
        <source>algorithm</source>
        <translation>algorithme</translation>
    </message>
    <message>
        <source>Winner: {name} ({status}), validation metrics:</source>
        <translation>Gagnant : {name} ({status}), mesures de validation :</translation>
    </message>
    <message>
        <source>accuracy {accuracy}  precision {precision}  recall {recall}  F1 {f1}  at threshold {threshold}</source>
        <translation>exactitude {accuracy}  précision {precision}  rappel {recall}  F1 {f1}  au seuil {threshold}</translation>
    </message>
    <message>
        <source>ROC AUC {roc_auc}  PR AUC {pr_auc}  Brier {brier}  top-decile lift {lift}</source>
        <translation>ROC AUC {roc_auc}  PR AUC {pr_auc}  Brier {brier}  lift du premier décile {lift}</translation>
    </message>
    <message>
        <source>confusion matrix: TN {tn}  FP {fp}  FN {fn}  TP {tp}</source>
        <translation>matrice de confusion : VN {tn}  FP {fp}  FN {fn}  VP {tp}</translation>
    </message>
    <message>
        <source>most important: {features}</source>
        <translation>variables les plus importantes : {features}</translation>
    </message>
    <message>
        <source>Note: {count} features never varied in the training data (e.g. no event history that far back): {features}</source>
        <translation>Remarque : {count} variables n&apos;ont jamais varié dans les données d&apos;entraînement (par exemple, pas d&apos;historique d&apos;événements aussi ancien) : {features}</translation>
    </message>
    <message>
        <source>Activate it with: churnwatch models activate {name}</source>
        <translation>Pour l&apos;activer : churnwatch models activate {name}</translation>
    </message>
    <message>
        <source>No model versions yet; train one with: churnwatch train</source>
        <translation>Aucune version de modèle pour l&apos;instant ; entraînez-en une avec : churnwatch train</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <source>trained</source>
        <translation>entraîné le</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>au</translation>
    </message>
    <message>
        <source>lift</source>
        <translation>lift</translation>
    </message>
    <message>
        <source>Active model: {name}</source>
        <translation>Modèle actif : {name}</translation>
    </message>
    <message>
        <source>Retired model: {name}</source>
        <translation>Modèle retiré : {name}</translation>
    </message>
    <message>
        <source>No model is active now; scoring needs one (churnwatch models activate NAME).</source>
        <translation>Plus aucun modèle n&apos;est actif ; le calcul des scores en demande un (churnwatch models activate NOM).</translation>
    </message>
    <message>
        <source>scoring run #{run} was cancelled; resume it with: churnwatch score --resume {run}</source>
        <translation>le calcul des scores n° {run} a été annulé ; pour le reprendre : churnwatch score --resume {run}</translation>
    </message>
    <message>
        <source>resume it with: churnwatch score --resume {run}</source>
        <translation>pour le reprendre : churnwatch score --resume {run}</translation>
    </message>
    <message>
        <source>Joined run {run}, already in progress for model {model}</source>
        <translation>Participation au calcul n° {run}, déjà en cours pour le modèle {model}</translation>
    </message>
    <message>
        <source>Run {run} ({status}, model {model}, as of {as_of}): {scored} customers scored, {alerts} alerts raised in {seconds} s</source>
        <translation>Calcul n° {run} ({status}, modèle {model}, au {as_of}) : {scored} clients notés, {alerts} alertes créées en {seconds} s</translation>
    </message>
    <message>
        <source>the whole run: {scored} of {total} customers, {alerts} alerts (other scorers helped)</source>
        <translation>sur l&apos;ensemble du calcul : {scored} clients sur {total}, {alerts} alertes (d&apos;autres postes ont aidé)</translation>
    </message>
    <message>
        <source>{count} after a lost connection</source>
        <translation>{count} après une connexion perdue</translation>
    </message>
    <message>
        <source>{count} after a lock wait</source>
        <translation>{count} après une attente de verrou</translation>
    </message>
    <message>
        <source>{count} retries ({kinds}); nothing was lost</source>
        <translation>{count} nouvelles tentatives ({kinds}) ; rien n&apos;a été perdu</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>« {text} » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>must be between 0 and 1 (or 0% and 100%)</source>
        <translation>doit être entre 0 et 1 (ou entre 0 % et 100 %)</translation>
    </message>
    <message>
        <source>replay an alert policy over past snapshots: precision, recall, alerts per day</source>
        <translation>rejouer une politique d&apos;alerte sur des instantanés passés : précision, rappel, alertes par jour</translation>
    </message>
    <message>
        <source>model name or id (default: the active model)</source>
        <translation>nom ou identifiant du modèle (par défaut : le modèle actif)</translation>
    </message>
    <message>
        <source>replay up to DATE (default now)</source>
        <translation>rejouer jusqu&apos;à la date DATE (par défaut maintenant)</translation>
    </message>
    <message>
        <source>past cutoffs to replay (default 6)</source>
        <translation>nombre de dates de référence passées à rejouer (6 par défaut)</translation>
    </message>
    <message>
        <source>days between cutoffs (default 7)</source>
        <translation>jours entre deux dates de référence (7 par défaut)</translation>
    </message>
    <message>
        <source>agents working the alerts (default: the active agents in the database, at least 1)</source>
        <translation>agents qui traitent les alertes (par défaut : les agents actifs de la base, au moins 1)</translation>
    </message>
    <message>
        <source>also replay the top share at 1%%-50%% (the chart&apos;s points)</source>
        <translation>rejouer aussi la part la plus à risque de 1 %% à 50 %% (les points du graphique)</translation>
    </message>
    <message>
        <source>print the figures as JSON</source>
        <translation>afficher les chiffres en JSON</translation>
    </message>
    <message>
        <source>then make it the live policy (needs --as, audited)</source>
        <translation>puis la mettre en vigueur (demande --as, journalisé)</translation>
    </message>
    <message>
        <source>the live alert policy: show it, or apply a new one</source>
        <translation>la politique d&apos;alerte en vigueur : l&apos;afficher, ou en appliquer une nouvelle</translation>
    </message>
    <message>
        <source>print the live alert policy</source>
        <translation>afficher la politique d&apos;alerte en vigueur</translation>
    </message>
    <message>
        <source>print it as JSON</source>
        <translation>l&apos;afficher en JSON</translation>
    </message>
    <message>
        <source>make a policy live (supervisors and admins, with --as; audited)</source>
        <translation>mettre une politique en vigueur (superviseurs et administrateurs, avec --as ; journalisé)</translation>
    </message>
    <message>
        <source>what raises an alert (default: the live one)</source>
        <translation>ce qui déclenche une alerte (par défaut : la règle en vigueur)</translation>
    </message>
    <message>
        <source>top_share: the share alerted, e.g. 0.1 or 10%%</source>
        <translation>top_share : la part de clients alertée, par exemple 0.1 ou 10%%</translation>
    </message>
    <message>
        <source>threshold: the churn probability that alerts</source>
        <translation>threshold : la probabilité de départ qui déclenche une alerte</translation>
    </message>
    <message>
        <source>top_k: alerts per run</source>
        <translation>top_k : alertes par calcul</translation>
    </message>
    <message>
        <source>per_agent_cap: new alerts per agent per day</source>
        <translation>per_agent_cap : nouvelles alertes par agent et par jour</translation>
    </message>
    <message>
        <source>also alert on a rise of this many points (0: off)</source>
        <translation>alerter aussi sur une hausse d&apos;au moins ce nombre de points (0 : désactivé)</translation>
    </message>
    <message>
        <source>payment failures move accounts to at_risk</source>
        <translation>les échecs de paiement font passer les comptes en at_risk</translation>
    </message>
    <message>
        <source>payment failures alone do not move accounts</source>
        <translation>les échecs de paiement seuls ne changent pas le statut des comptes</translation>
    </message>
    <message>
        <source>the database has no users yet; add the first admin: churnwatch user add NAME --role admin --password-stdin</source>
        <translation>la base n&apos;a encore aucun utilisateur ; créez le premier administrateur : churnwatch user add NOM --role admin --password-stdin</translation>
    </message>
    <message>
        <source>{refusal}: add --as USERNAME</source>
        <translation>{refusal} : ajoutez --as UTILISATEUR</translation>
    </message>
    <message>
        <source>Live alert policy: {policy}</source>
        <translation>Politique d&apos;alerte en vigueur : {policy}</translation>
    </message>
    <message>
        <source>the default, never changed</source>
        <translation>la politique par défaut, jamais modifiée</translation>
    </message>
    <message>
        <source>applied by {who} at {when} UTC</source>
        <translation>appliquée par {who} le {when} UTC</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>quelqu&apos;un</translation>
    </message>
    <message>
        <source>{who} (version {version})</source>
        <translation>{who} (version {version})</translation>
    </message>
    <message>
        <source>Live alert policy (version {version}): {policy}</source>
        <translation>Politique d&apos;alerte en vigueur (version {version}) : {policy}</translation>
    </message>
    <message>
        <source>Backtest of &apos;{policy}&apos; with model {model}</source>
        <translation>Test rétrospectif de « {policy} » avec le modèle {model}</translation>
    </message>
    <message>
        <source>{snapshots} cutoffs {first} … {last}, {agents} agent(s)</source>
        <translation>{snapshots} dates de référence {first} … {last}, {agents} agent(s)</translation>
    </message>
    <message>
        <source>alerts {alerts} ({per_day} a day, {per_agent} per agent a day)</source>
        <translation>alertes {alerts} ({per_day} par jour, {per_agent} par agent et par jour)</translation>
    </message>
    <message>
        <source>precision {precision}, recall {recall} ({caught} of {churners} churners)</source>
        <translation>précision {precision}, rappel {recall} ({caught} départs repérés sur {churners})</translation>
    </message>
    <message>
        <source>median lead time {lead}; revenue covered {revenue} a year ({share})</source>
        <translation>anticipation médiane {lead} ; chiffre d&apos;affaires couvert {revenue} par an ({share})</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} jours</translation>
    </message>
    <message>
        <source>top {share}: {per_day} a day, precision {precision}, recall {recall}</source>
        <translation>premiers {share} : {per_day} par jour, précision {precision}, rappel {recall}</translation>
    </message>
    <message>
        <source>events</source>
        <translation>événements</translation>
    </message>
    <message>
        <source>predictions</source>
        <translation>prédictions</translation>
    </message>
    <message>
        <source>resolved alerts</source>
        <translation>alertes résolues</translation>
    </message>
    <message>
        <source>metrics</source>
        <translation>mesures</translation>
    </message>
    <message>
        <source>deleted customers</source>
        <translation>clients supprimés</translation>
    </message>
    <message>
        <source>remove old rows by the retention policy (Settings), in small batches; resumes an interrupted run</source>
        <translation>supprimer les anciennes lignes selon la politique de conservation (Paramètres), par petits lots ; reprend une purge interrompue</translation>
    </message>
    <message>
        <source>print what would be removed and kept; change nothing</source>
        <translation>afficher ce qui serait supprimé et conservé ; ne rien modifier</translation>
    </message>
    <message>
        <source>{refusal}: add --as USERNAME (an admin)</source>
        <translation>{refusal} : ajoutez --as UTILISATEUR (un administrateur)</translation>
    </message>
    <message>
        <source>{what} {days} days</source>
        <translation>{what} {days} jours</translation>
    </message>
    <message>
        <source>Policy (the defaults): {rules}</source>
        <translation>Politique (valeurs par défaut) : {rules}</translation>
    </message>
    <message>
        <source>Policy: {rules}</source>
        <translation>Politique : {rules}</translation>
    </message>
    <message>
        <source>Would remove (dry run, nothing changed):</source>
        <translation>Serait supprimé (essai à blanc, rien n&apos;est modifié) :</translation>
    </message>
    <message>
        <source>Resumed and finished retention run #{run}; removed:</source>
        <translation>Purge n° {run} reprise et terminée ; lignes supprimées :</translation>
    </message>
    <message>
        <source>Finished retention run #{run}; removed:</source>
        <translation>Purge n° {run} terminée ; lignes supprimées :</translation>
    </message>
    <message>
        <source>staff accounts: add, list, disable, enable, set-role, passwd</source>
        <translation>comptes de l&apos;équipe : add, list, disable, enable, set-role, passwd</translation>
    </message>
    <message>
        <source>add a staff account (the first one: an admin, no --as)</source>
        <translation>ajouter un compte d&apos;équipe (le premier : un administrateur, sans --as)</translation>
    </message>
    <message>
        <source>(default: none, a placeholder is stored)</source>
        <translation>(par défaut : aucune, une adresse fictive est enregistrée)</translation>
    </message>
    <message>
        <source>every account: username, name, role, active, last sign-in</source>
        <translation>tous les comptes : utilisateur, nom, rôle, actif, dernière connexion</translation>
    </message>
    <message>
        <source>the account can no longer sign in; its history stays</source>
        <translation>le compte ne peut plus se connecter ; son historique est conservé</translation>
    </message>
    <message>
        <source>the account may sign in again (its sign-in lock is lifted)</source>
        <translation>le compte peut de nouveau se connecter (son blocage de connexion est levé)</translation>
    </message>
    <message>
        <source>change an account&apos;s role</source>
        <translation>changer le rôle d&apos;un compte</translation>
    </message>
    <message>
        <source>set an account&apos;s password (an admin&apos;s reset)</source>
        <translation>définir le mot de passe d&apos;un compte (réinitialisation par un administrateur)</translation>
    </message>
    <message>
        <source>read the new password from the first line of stdin (else a prompt, asked twice)</source>
        <translation>lire le nouveau mot de passe sur la première ligne de l&apos;entrée standard (sinon il est demandé deux fois)</translation>
    </message>
    <message>
        <source>new password: </source>
        <translation>nouveau mot de passe : </translation>
    </message>
    <message>
        <source>new password again: </source>
        <translation>nouveau mot de passe, encore une fois : </translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>les deux mots de passe ne sont pas identiques</translation>
    </message>
    <message>
        <source>only admins may manage users and roles: add --as USERNAME (an admin)</source>
        <translation>seuls les administrateurs gèrent les utilisateurs et les rôles : ajoutez --as UTILISATEUR (un administrateur)</translation>
    </message>
    <message>
        <source>the first account must be an admin: --role admin</source>
        <translation>le premier compte doit être un administrateur : --role admin</translation>
    </message>
    <message>
        <source>Added {username} (admin), the first account of this database</source>
        <translation>Compte {username} ajouté (admin), le premier de cette base</translation>
    </message>
    <message>
        <source>Added {username} ({role})</source>
        <translation>Compte {username} ajouté ({role})</translation>
    </message>
    <message>
        <source>No users yet: churnwatch user add NAME --role admin --password-stdin</source>
        <translation>Aucun utilisateur pour l&apos;instant : churnwatch user add NOM --role admin --password-stdin</translation>
    </message>
    <message>
        <source>username</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rôle</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>last sign-in</source>
        <translation>dernière connexion</translation>
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
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Disabled {username}</source>
        <translation>Compte {username} désactivé</translation>
    </message>
    <message>
        <source>Enabled {username}</source>
        <translation>Compte {username} réactivé</translation>
    </message>
    <message>
        <source>{username} is now {role}</source>
        <translation>{username} a désormais le rôle {role}</translation>
    </message>
    <message>
        <source>Set the password of {username}</source>
        <translation>Mot de passe de {username} modifié</translation>
    </message>
    <message>
        <source>at most {max_demo_customers} customers</source>
        <translation>au plus {max_demo_customers} clients</translation>
    </message>
    <message>
        <source>create the database schema, or upgrade it to this version</source>
        <translation>créer le schéma de la base, ou le mettre à niveau vers cette version</translation>
    </message>
    <message>
        <source>fill the database with a realistic, reproducible demo history</source>
        <translation>remplir la base avec un historique de démonstration réaliste et reproductible</translation>
    </message>
    <message>
        <source>(default 100, at most {maximum})</source>
        <translation>(100 par défaut, au plus {maximum})</translation>
    </message>
    <message>
        <source>random seed (default 42)</source>
        <translation>graine aléatoire (42 par défaut)</translation>
    </message>
    <message>
        <source>delete ALL data in the database first, then fill it</source>
        <translation>supprimer d&apos;abord TOUTES les données de la base, puis la remplir</translation>
    </message>
    <message>
        <source>backend, server and schema version, latency, row counts</source>
        <translation>moteur, version du serveur et du schéma, latence, nombre de lignes</translation>
    </message>
    <message>
        <source>machine-readable output</source>
        <translation>sortie lisible par un programme (JSON)</translation>
    </message>
    <message>
        <source>{command} needs an account that may CREATE and ALTER tables (the administrator&apos;s); the application account cannot</source>
        <translation>{command} demande un compte autorisé à créer et modifier des tables (CREATE, ALTER), celui de l&apos;administrateur ; le compte de l&apos;application n&apos;en a pas le droit</translation>
    </message>
    <message>
        <source>Created schema version {version} in {url}</source>
        <translation>Schéma version {version} créé dans {url}</translation>
    </message>
    <message>
        <source>{url} is already at schema version {version}</source>
        <translation>{url} est déjà au schéma version {version}</translation>
    </message>
    <message>
        <source>Upgraded {url} from schema {old} to {new}</source>
        <translation>{url} mise à niveau du schéma {old} au schéma {new}</translation>
    </message>
    <message>
        <source>Backup of the previous file: {path}</source>
        <translation>Copie de sauvegarde du fichier précédent : {path}</translation>
    </message>
    <message>
        <source>Deleting all data in {url} …</source>
        <translation>Suppression de toutes les données de {url}…</translation>
    </message>
    <message>
        <source>{url} already holds {customers} customers; nothing added (use --reset to delete everything and start over).</source>
        <translation>{url} contient déjà {customers} clients ; rien n&apos;a été ajouté (--reset efface tout pour repartir de zéro).</translation>
    </message>
    <message>
        <source>Demo data in {url}: {rows} rows in {seconds} s ({rate} rows/s)</source>
        <translation>Données de démonstration dans {url} : {rows} lignes en {seconds} s ({rate} lignes/s)</translation>
    </message>
    <message>
        <source>Sign in with (username / password, role):</source>
        <translation>Pour vous connecter (utilisateur / mot de passe, rôle) :</translation>
    </message>
    <message>
        <source>the database&apos;s schema ({version}) is newer than this ChurnWatch ({expected}); upgrade ChurnWatch</source>
        <translation>le schéma de la base ({version}) est plus récent que celui de cette version de ChurnWatch ({expected}) ; mettez ChurnWatch à jour</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base :</translation>
    </message>
    <message>
        <source>Backend:</source>
        <translation>Moteur :</translation>
    </message>
    <message>
        <source>Schema version:</source>
        <translation>Version du schéma :</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>Latence :</translation>
    </message>
    <message>
        <source>not initialised</source>
        <translation>non initialisée</translation>
    </message>
    <message>
        <source>current</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>code expects {expected}</source>
        <translation>le programme attend la version {expected}</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Lignes :</translation>
    </message>
    <message>
        <source>copy the embedded database consistently, even while it is in use</source>
        <translation>copier la base intégrée de façon cohérente, même pendant son utilisation</translation>
    </message>
    <message>
        <source>where to write the copy (default: beside the database, named with the time)</source>
        <translation>où écrire la copie (par défaut : à côté de la base, nommée d&apos;après l&apos;heure)</translation>
    </message>
    <message>
        <source>replace the embedded database with a backup, after checking its schema and integrity (the current database is kept beside it)</source>
        <translation>remplacer la base intégrée par une sauvegarde, après avoir vérifié son schéma et son intégrité (la base actuelle est conservée à côté)</translation>
    </message>
    <message>
        <source>the backup to restore</source>
        <translation>la sauvegarde à restaurer</translation>
    </message>
    <message>
        <source>Backed up schema {schema} to {path} ({size} bytes)</source>
        <translation>Schéma {schema} sauvegardé dans {path} ({size} octets)</translation>
    </message>
    <message>
        <source>Restored {file} (schema {schema}) into {path}</source>
        <translation>Sauvegarde {file} (schéma {schema}) restaurée dans {path}</translation>
    </message>
    <message>
        <source>The database as it was before: {path}</source>
        <translation>La base telle qu&apos;elle était avant : {path}</translation>
    </message>
    <message>
        <source>Its schema is older than this ChurnWatch&apos;s: run `churnwatch init-db` to upgrade it</source>
        <translation>Son schéma est plus ancien que celui de cette version de ChurnWatch : lancez `churnwatch init-db` pour le mettre à niveau</translation>
    </message>
    <message>
        <source>risk</source>
        <translation>risque</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priorité</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>export a list (search, filters, sort, columns as in the window) to CSV or XLSX</source>
        <translation>exporter une liste (recherche, filtres, tri, colonnes comme dans la fenêtre) en CSV ou XLSX</translation>
    </message>
    <message>
        <source>Write every matching row of a list to a CSV or XLSX file; the header row is the columns&apos; titles as the window shows them, after the row&apos;s ID.</source>
        <translation>Écrit toutes les lignes correspondantes d&apos;une liste dans un fichier CSV ou XLSX ; la première ligne reprend les titres des colonnes tels que la fenêtre les affiche, après l&apos;identifiant de la ligne.</translation>
    </message>
    <message>
        <source>as typed in the search box</source>
        <translation>comme saisi dans la zone de recherche</translation>
    </message>
    <message>
        <source>{filter} ({lists}); repeat or separate with commas</source>
        <translation>{filter} ({lists}) ; répétez l&apos;option ou séparez les valeurs par des virgules</translation>
    </message>
    <message>
        <source>customers with this tag</source>
        <translation>les clients qui ont cette étiquette</translation>
    </message>
    <message>
        <source>customers in this segment</source>
        <translation>les clients de ce segment</translation>
    </message>
    <message>
        <source>one customer&apos;s alerts, tickets…</source>
        <translation>les alertes, tickets… d&apos;un client</translation>
    </message>
    <message>
        <source>assigned to me (alerts, tickets; --as)</source>
        <translation>qui me sont attribués (alertes, tickets ; --as)</translation>
    </message>
    <message>
        <source>from this day</source>
        <translation>à partir de ce jour</translation>
    </message>
    <message>
        <source>up to this day (included)</source>
        <translation>jusqu&apos;à ce jour (inclus)</translation>
    </message>
    <message>
        <source>sort columns (default: the list&apos;s)</source>
        <translation>colonnes de tri (par défaut : celles de la liste)</translation>
    </message>
    <message>
        <source>column keys or titles (default: shown)</source>
        <translation>clés ou titres des colonnes (par défaut : celles affichées)</translation>
    </message>
    <message>
        <source>(default: from -o, else csv)</source>
        <translation>(par défaut : d&apos;après -o, sinon csv)</translation>
    </message>
    <message>
        <source>(default: LIST.FORMAT here)</source>
        <translation>(par défaut : LIST.FORMAT dans le dossier courant)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a {option} of {list} ({known})</source>
        <translation>« {value} » n&apos;est pas une valeur de {option} pour les {list} ({known})</translation>
    </message>
    <message>
        <source>{list} have no {option} filter</source>
        <translation>les {list} n&apos;ont pas de filtre {option}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date (YYYY-MM-DD)</source>
        <translation>« {text} » n&apos;est pas une date (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>no {option} is named &apos;{name}&apos;</source>
        <translation>aucun {option} nommé « {name} »</translation>
    </message>
    <message>
        <source>{list} are not assigned to anyone</source>
        <translation>pas d&apos;attribution pour les {list}</translation>
    </message>
    <message>
        <source>{list} cannot be sorted by &apos;{key}&apos; ({sortable})</source>
        <translation>impossible de trier les {list} par « {key} » ({sortable})</translation>
    </message>
    <message>
        <source>&apos;{direction}&apos; is not asc or desc</source>
        <translation>« {direction} » n&apos;est ni asc ni desc</translation>
    </message>
    <message>
        <source>Exported {rows} {noun} to {path}</source>
        <translation>Export de {rows} {noun} dans {path}</translation>
    </message>
    <message>
        <source>print (or --apply) the GRANTs of a least-privilege application account (MySQL)</source>
        <translation>afficher (ou appliquer avec --apply) les GRANT d&apos;un compte applicatif aux droits minimaux (MySQL)</translation>
    </message>
    <message>
        <source>the application account</source>
        <translation>le compte de l&apos;application</translation>
    </message>
    <message>
        <source>the account&apos;s host (default %%: any)</source>
        <translation>l&apos;hôte du compte (par défaut %% : n&apos;importe lequel)</translation>
    </message>
    <message>
        <source>run the statements, connected as the administrator --db names</source>
        <translation>exécuter les instructions, connecté en tant que l&apos;administrateur indiqué par --db</translation>
    </message>
    <message>
        <source>also create the account if missing, with the password read from stdin</source>
        <translation>créer aussi le compte s&apos;il n&apos;existe pas, avec le mot de passe lu sur l&apos;entrée standard</translation>
    </message>
    <message>
        <source>--app-user: 1–32 letters, digits, dots, dashes or underscores</source>
        <translation>--app-user : de 1 à 32 lettres, chiffres, points, tirets ou tirets bas</translation>
    </message>
    <message>
        <source>--host: a host name, address or pattern (letters, digits, . % : -)</source>
        <translation>--host : un nom d&apos;hôte, une adresse ou un motif (lettres, chiffres, . % : -)</translation>
    </message>
    <message>
        <source>db-grants is for MySQL/MariaDB; a SQLite file is protected by its file permissions</source>
        <translation>db-grants sert à MySQL/MariaDB ; un fichier SQLite est protégé par ses droits d&apos;accès</translation>
    </message>
    <message>
        <source>--password-stdin: the password is empty</source>
        <translation>--password-stdin : le mot de passe est vide</translation>
    </message>
    <message>
        <source>Applied: {account} may use the tables of {database} only</source>
        <translation>Appliqué : {account} n&apos;a accès qu&apos;aux tables de {database}</translation>
    </message>
    <message>
        <source>which alerts: assignee=default|mine|any, priority=high+critical, status=open+acknowledged (comma-separated; default: open alerts assigned to me or unassigned high/critical)</source>
        <translation>quelles alertes : assignee=default|mine|any, priority=high+critical, status=open+acknowledged (séparées par des virgules ; par défaut : les alertes ouvertes qui me sont attribuées ou les alertes high/critical non attribuées)</translation>
    </message>
    <message>
        <source>take work offline, see the offline copy and its conflicts</source>
        <translation>emporter du travail hors ligne, voir la copie hors ligne et ses conflits</translation>
    </message>
    <message>
        <source>copy my alerts and their customers for offline work</source>
        <translation>copier mes alertes et leurs clients pour travailler hors ligne</translation>
    </message>
    <message>
        <source>at most N alerts (default {default})</source>
        <translation>au plus N alertes ({default} par défaut)</translation>
    </message>
    <message>
        <source>the offline copy&apos;s age, rows, outbox and conflicts</source>
        <translation>l&apos;âge de la copie hors ligne, ses lignes, ses envois en attente et ses conflits</translation>
    </message>
    <message>
        <source>changes the server did not take, mine and theirs</source>
        <translation>les modifications refusées par le serveur, ma version et la leur</translation>
    </message>
    <message>
        <source>settle a conflict: keep mine (sent again) or theirs</source>
        <translation>régler un conflit : garder ma version (renvoyée) ou celle du serveur</translation>
    </message>
    <message>
        <source>send the offline changes to the shared database, then refresh</source>
        <translation>envoyer les modifications hors ligne à la base partagée, puis actualiser</translation>
    </message>
    <message>
        <source>list, acknowledge and resolve alerts (offline too)</source>
        <translation>lister, prendre en charge et résoudre les alertes (hors ligne aussi)</translation>
    </message>
    <message>
        <source>the alerts of my queue</source>
        <translation>les alertes de ma file</translation>
    </message>
    <message>
        <source>acknowledge alerts</source>
        <translation>prendre en charge des alertes</translation>
    </message>
    <message>
        <source>resolve alerts</source>
        <translation>résoudre des alertes</translation>
    </message>
    <message>
        <source>the resolution (required to resolve), or a note on the customer</source>
        <translation>la résolution (obligatoire pour résoudre), ou une note sur le client</translation>
    </message>
    <message>
        <source>the offline copy (default: ${variable}, else one per server in your data folder)</source>
        <translation>la copie hors ligne (par défaut : ${variable}, sinon une par serveur dans votre dossier de données)</translation>
    </message>
    <message>
        <source>no offline copy at {path} (run: churnwatch offline take --as USER)</source>
        <translation>aucune copie hors ligne dans {path} (lancez : churnwatch offline take --as UTILISATEUR)</translation>
    </message>
    <message>
        <source>name yourself with --as USERNAME: offline work is per staff member</source>
        <translation>indiquez qui vous êtes avec --as UTILISATEUR : le travail hors ligne est propre à chaque membre de l&apos;équipe</translation>
    </message>
    <message>
        <source>took {alerts} alerts and {customers} customers ({rows} rows) into {path}</source>
        <translation>{alerts} alertes et {customers} clients ({rows} lignes) copiés dans {path}</translation>
    </message>
    <message>
        <source>replica</source>
        <translation>copie</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>taken at</source>
        <translation>prise le</translation>
    </message>
    <message>
        <source>pulled at</source>
        <translation>actualisée le</translation>
    </message>
    <message>
        <source>age seconds</source>
        <translation>âge en secondes</translation>
    </message>
    <message>
        <source>alerts</source>
        <translation>alertes</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>clients</translation>
    </message>
    <message>
        <source>outbox</source>
        <translation>en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflits</translation>
    </message>
    <message>
        <source>mine:</source>
        <translation>la mienne :</translation>
    </message>
    <message>
        <source>theirs:</source>
        <translation>la leur :</translation>
    </message>
    <message>
        <source>no open conflict #{conflict} (see: churnwatch offline conflicts)</source>
        <translation>aucun conflit ouvert n° {conflict} (voir : churnwatch offline conflicts)</translation>
    </message>
    <message>
        <source>kept mine: it is sent again at the next sync</source>
        <translation>ma version est conservée : elle sera renvoyée à la prochaine synchronisation</translation>
    </message>
    <message>
        <source>kept theirs: my change is dropped</source>
        <translation>version du serveur conservée : ma modification est abandonnée</translation>
    </message>
    <message>
        <source>{error}; {count} changes wait on this computer</source>
        <translation>{error} ; {count} modifications attendent sur cet ordinateur</translation>
    </message>
    <message>
        <source>pushed {pushed}: {applied} applied ({merged} merged, {superseded} superseded), {already} already applied, {conflicts} conflicts, {refused} refused; {waiting} waiting</source>
        <translation>{pushed} modifications envoyées : {applied} appliquées ({merged} fusionnées, {superseded} dépassées), {already} déjà appliquées, {conflicts} en conflit, {refused} refusées ; {waiting} en attente</translation>
    </message>
    <message>
        <source>stopped: {reason}</source>
        <translation>synchronisation interrompue : {reason}</translation>
    </message>
    <message>
        <source>shared database</source>
        <translation>base partagée</translation>
    </message>
    <message>
        <source>offline copy, {waiting} waiting</source>
        <translation>copie hors ligne, {waiting} en attente</translation>
    </message>
    <message>
        <source>{count} alerts ({source})</source>
        <translation>{count} alertes ({source})</translation>
    </message>
    <message>
        <source>{change}: done</source>
        <translation>{change} : fait</translation>
    </message>
    <message>
        <source>{change}: done offline; {waiting} waiting to be sent (churnwatch sync)</source>
        <translation>{change} : fait hors ligne ; {waiting} en attente d&apos;envoi (churnwatch sync)</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>afficher la version et quitter</translation>
    </message>
    <message>
        <source>ChurnWatch – churn early warning for eCommerce and subscription businesses.</source>
        <translation>ChurnWatch – alerte précoce sur les départs de clients pour l&apos;e-commerce et les activités par abonnement.</translation>
    </message>
    <message>
        <source>database URL: sqlite:///path/file.db or mysql://user@host:3306/name (default: $CHURNWATCH_DB, else the embedded database in your user data directory)</source>
        <translation>URL de la base : sqlite:///chemin/fichier.db ou mysql://utilisateur@hôte:3306/nom (par défaut : $CHURNWATCH_DB, sinon la base intégrée dans votre dossier de données utilisateur)</translation>
    </message>
    <message>
        <source>more logging</source>
        <translation>journal plus détaillé</translation>
    </message>
    <message>
        <source>churnwatch: {message}</source>
        <translation>churnwatch : {message}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>churnwatch: interrupted</source>
        <translation>churnwatch : interrompu</translation>
    </message>
    <message>
        <source>no password was typed (stdin is closed): set {variable} or run the command in a terminal</source>
        <translation>aucun mot de passe saisi (l&apos;entrée standard est fermée) : définissez {variable} ou lancez la commande dans un terminal</translation>
    </message>
    <message>
        <source>open the desktop window (the default command)</source>
        <translation>ouvrir la fenêtre de l&apos;application (la commande par défaut)</translation>
    </message>
    <message>
        <source>create and fill the database with demo data if it is empty, and sign in as the demo supervisor</source>
        <translation>créer la base et la remplir de données de démonstration si elle est vide, puis se connecter en tant que superviseur de démonstration</translation>
    </message>
    <message>
        <source>customers in a new demo database (default {customers})</source>
        <translation>nombre de clients d&apos;une nouvelle base de démonstration ({customers} par défaut)</translation>
    </message>
    <message>
        <source>sign in as NAME without the dialog; the password comes from CHURNWATCH_PASSWORD</source>
        <translation>se connecter en tant que NAME sans passer par la boîte de dialogue ; le mot de passe est lu dans CHURNWATCH_PASSWORD</translation>
    </message>
    <message>
        <source>colours: the system&apos;s (default), or Fusion&apos;s light or dark palette</source>
        <translation>couleurs : celles du système (par défaut), ou la palette claire ou sombre de Fusion</translation>
    </message>
    <message>
        <source>visit every page, save one PNG per page (and a Customer 360) into DIR, and exit</source>
        <translation>parcourir chaque page, enregistrer un PNG par page (et une fiche Client 360) dans DIR, puis quitter</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>bad database URL &apos;{url}&apos;: a SQLite URL needs a file path</source>
        <translation>adresse de base de données incorrecte « {url} » : une adresse SQLite doit indiquer un fichier</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: {why}</source>
        <translation>adresse de base de données incorrecte « {url} » : {why}</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: no host</source>
        <translation>adresse de base de données incorrecte « {url} » : aucun serveur indiqué</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: name the database, e.g. mysql://user@host:3306/churnwatch</source>
        <translation>adresse de base de données incorrecte « {url} » : indiquez la base, par exemple mysql://utilisateur@serveur:3306/churnwatch</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: the database name has {n} characters; MySQL allows at most {most}</source>
        <translation>adresse de base de données incorrecte « {url} » : le nom de la base compte {n} caractères ; MySQL en accepte {most} au plus</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: unknown parameter(s) {names} (known: {known})</source>
        <translation>URL de base incorrecte « {url} » : paramètre(s) inconnu(s) {names} (connus : {known})</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: use sqlite:///path/to/file.db or mysql://user@host:3306/name</source>
        <translation>adresse de base de données incorrecte « {url} » : utilisez sqlite:///chemin/vers/fichier.db ou mysql://utilisateur@serveur:3306/nom</translation>
    </message>
    <message>
        <source>cannot create the folder {folder} for the SQLite file: {why}</source>
        <translation>impossible de créer le dossier {folder} pour le fichier SQLite : {why}</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: ssl_verify must be 1 or 0, not &apos;{flag}&apos;</source>
        <translation>URL de base incorrecte « {url} » : ssl_verify vaut 1 ou 0, pas « {flag} »</translation>
    </message>
    <message>
        <source>the {key} file {path} does not exist</source>
        <translation>le fichier {key} {path} n&apos;existe pas</translation>
    </message>
    <message>
        <source>bad database URL &apos;{url}&apos;: ssl_key needs ssl_cert</source>
        <translation>URL de base incorrecte « {url} » : ssl_key demande ssl_cert</translation>
    </message>
    <message>
        <source>the ssl_ca file {ca} holds no usable certificate: {reason}</source>
        <translation>le fichier ssl_ca {ca} ne contient aucun certificat utilisable : {reason}</translation>
    </message>
    <message>
        <source>the client certificate {cert} (ssl_cert/ssl_key) cannot be used: {reason}</source>
        <translation>le certificat client {cert} (ssl_cert/ssl_key) est inutilisable : {reason}</translation>
    </message>
    <message>
        <source>connect by a name the certificate names</source>
        <translation>connectez-vous par un nom que le certificat mentionne</translation>
    </message>
    <message>
        <source>give the CA that signed it as ssl_ca in the URL</source>
        <translation>indiquez l&apos;autorité qui l&apos;a signé comme ssl_ca dans l&apos;URL</translation>
    </message>
    <message>
        <source>the MySQL server&apos;s certificate could not be verified: {reason} (server {where}; {hint})</source>
        <translation>le certificat du serveur MySQL n&apos;a pas pu être vérifié : {reason} (serveur {where} ; {hint})</translation>
    </message>
    <message>
        <source>TLS with the MySQL server at {where} failed: {reason}</source>
        <translation>échec de TLS avec le serveur MySQL {where} : {reason}</translation>
    </message>
    <message>
        <source>the MySQL server at {where} does not offer TLS, which the URL&apos;s ssl_* parameters require</source>
        <translation>le serveur MySQL {where} ne propose pas TLS, que demandent les paramètres ssl_* de l&apos;URL</translation>
    </message>
    <message>
        <source>cannot reach the MySQL server at {where} (is it running?)</source>
        <translation>impossible de joindre le serveur MySQL {where} (est-il démarré ?)</translation>
    </message>
    <message>
        <source>the MySQL server at {where} refused user &apos;{user}&apos;: wrong password? (give it in the URL, {variable} or the OS keyring)</source>
        <translation>le serveur MySQL {where} a refusé l&apos;utilisateur « {user} » : mot de passe erroné ? (indiquez-le dans l&apos;adresse, dans {variable} ou dans le trousseau du système)</translation>
    </message>
    <message>
        <source>the MySQL server at {where} has no database &apos;{database}&apos; (run: churnwatch init-db)</source>
        <translation>le serveur MySQL {where} n&apos;a pas de base « {database} » (lancez : churnwatch init-db)</translation>
    </message>
    <message>
        <source>user &apos;{user}&apos; may not use database &apos;{database}&apos; on {where}</source>
        <translation>l&apos;utilisateur « {user} » n&apos;a pas accès à la base « {database} » sur {where}</translation>
    </message>
    <message>
        <source>the MySQL server at {where} refuses the database name &apos;{database}&apos;</source>
        <translation>le serveur MySQL {where} refuse le nom de base « {database} »</translation>
    </message>
    <message>
        <source>the MySQL server has no connection to spare (max_connections); use fewer --workers or retry later</source>
        <translation>le serveur MySQL n&apos;a plus de connexion disponible (max_connections) ; utilisez moins de --workers ou réessayez plus tard</translation>
    </message>
    <message>
        <source>this MySQL account has used all the connections it may open (max_user_connections); use fewer --workers or retry later</source>
        <translation>ce compte MySQL a ouvert toutes les connexions permises (max_user_connections) ; utilisez moins de --workers ou réessayez plus tard</translation>
    </message>
    <message>
        <source>the MySQL account lacks a privilege: {detail} (ChurnWatch needs SELECT, INSERT, UPDATE and DELETE, and init-db also CREATE, ALTER, INDEX and REFERENCES)</source>
        <translation>il manque un privilège au compte MySQL : {detail} (ChurnWatch a besoin de SELECT, INSERT, UPDATE et DELETE, et init-db aussi de CREATE, ALTER, INDEX et REFERENCES)</translation>
    </message>
    <message>
        <source>user &apos;{user}&apos; may not create database &apos;{database}&apos; on {where} (ask the database administrator to create it, or to grant CREATE)</source>
        <translation>l&apos;utilisateur « {user} » ne peut pas créer la base « {database} » sur {where} (demandez à l&apos;administrateur de la créer, ou d&apos;accorder CREATE)</translation>
    </message>
    <message>
        <source>{path} is not a SQLite database</source>
        <translation>{path} n&apos;est pas une base SQLite</translation>
    </message>
    <message>
        <source>cannot open {url}: {why}</source>
        <translation>impossible d&apos;ouvrir {url} : {why}</translation>
    </message>
</context>
<context>
    <name>Customer360</name>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>Total dépensé</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>Dernière commande</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Logins (30 days)</source>
        <translation>Connexions (30 jours)</translation>
    </message>
    <message>
        <source>Email engagement</source>
        <translation>Engagement e-mail</translation>
    </message>
    <message>
        <source>Support tickets</source>
        <translation>Tickets de support</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Retours</translation>
    </message>
    <message>
        <source>Payment failures</source>
        <translation>Échecs de paiement</translation>
    </message>
    <message>
        <source>Discount usage</source>
        <translation>Utilisation des remises</translation>
    </message>
    <message>
        <source>Loyalty points</source>
        <translation>Points de fidélité</translation>
    </message>
    <message>
        <source>Health and churn risk answer different questions: health is a rule-based reading of the customer&apos;s recent activity (four parts you can check by hand), churn risk is the model&apos;s probability of churn within its horizon, learned from customers who left. They can disagree: a customer can be active today in a pattern that preceded churn (failed payments, an escalated ticket), or quiet in a way that rarely ended in churn.</source>
        <translation>La santé et le risque de départ répondent à des questions différentes : la santé est une lecture, par des règles, de l&apos;activité récente du client (quatre composantes que vous pouvez vérifier à la main) ; le risque de départ est la probabilité, selon le modèle, que le client parte dans son horizon, apprise des clients qui sont partis. Les deux peuvent diverger : un client peut être actif aujourd&apos;hui selon un schéma qui a précédé des départs (paiements échoués, ticket escaladé), ou discret d&apos;une façon qui a rarement mené à un départ.</translation>
    </message>
    <message>
        <source>{name}: {text} ({points})</source>
        <translation>{name} : {text} ({points})</translation>
    </message>
    <message>
        <source>{name} ({points})</source>
        <translation>{name} ({points})</translation>
    </message>
    <message>
        <source>Other factors ({points})</source>
        <translation>Autres facteurs ({points})</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <source>{card}  (default)</source>
        <translation>{card}  (par défaut)</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Commande {number}</translation>
    </message>
    <message>
        <source>Ticket {number}: {subject}</source>
        <translation>Ticket {number} : {subject}</translation>
    </message>
    <message>
        <source>Note by {name}</source>
        <translation>Note de {name}</translation>
    </message>
    <message>
        <source>{kind} by {channel}</source>
        <translation>{kind} par {channel}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>customers</source>
        <translation>clients</translation>
    </message>
    <message>
        <source>churn rate</source>
        <translation>taux d&apos;attrition</translation>
    </message>
    <message>
        <source>alerts raised</source>
        <translation>alertes levées</translation>
    </message>
    <message>
        <source>mean time to first action (h)</source>
        <translation>délai moyen avant la première action (h)</translation>
    </message>
    <message>
        <source>open tickets</source>
        <translation>tickets ouverts</translation>
    </message>
    <message>
        <source>mean resolution (h)</source>
        <translation>résolution moyenne (h)</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>{done} of {customers} customers</source>
        <translation>{done} clients sur {customers}</translation>
    </message>
</context>
<context>
    <name>Factors</name>
    <message>
        <source>no order for {n} day</source>
        <translation>aucune commande depuis {n} jour</translation>
    </message>
    <message>
        <source>no order for {n} days</source>
        <translation>aucune commande depuis {n} jours</translation>
    </message>
    <message>
        <source>has ordered</source>
        <translation>a déjà commandé</translation>
    </message>
    <message>
        <source>has never ordered</source>
        <translation>n&apos;a jamais commandé</translation>
    </message>
    <message>
        <source>{n} order in all</source>
        <translation>{n} commande au total</translation>
    </message>
    <message>
        <source>{n} orders in all</source>
        <translation>{n} commandes au total</translation>
    </message>
    <message>
        <source>{n} order in the last 30 days</source>
        <translation>{n} commande ces 30 derniers jours</translation>
    </message>
    <message>
        <source>{n} orders in the last 30 days</source>
        <translation>{n} commandes ces 30 derniers jours</translation>
    </message>
    <message>
        <source>{n} order in the 60 days before</source>
        <translation>{n} commande dans les 60 jours d&apos;avant</translation>
    </message>
    <message>
        <source>{n} orders in the 60 days before</source>
        <translation>{n} commandes dans les 60 jours d&apos;avant</translation>
    </message>
    <message>
        <source>orders falling</source>
        <translation>commandes en baisse</translation>
    </message>
    <message>
        <source>orders rising</source>
        <translation>commandes en hausse</translation>
    </message>
    <message>
        <source>orders steady</source>
        <translation>commandes stables</translation>
    </message>
    <message>
        <source>spent {amount} in the last 90 days</source>
        <translation>{amount} dépensés ces 90 derniers jours</translation>
    </message>
    <message>
        <source>{n} cancelled order</source>
        <translation>{n} commande annulée</translation>
    </message>
    <message>
        <source>{n} cancelled orders</source>
        <translation>{n} commandes annulées</translation>
    </message>
    <message>
        <source>{n} refund or return</source>
        <translation>{n} remboursement ou retour</translation>
    </message>
    <message>
        <source>{n} refunds or returns</source>
        <translation>{n} remboursements ou retours</translation>
    </message>
    <message>
        <source>{percent} % of orders refunded or returned</source>
        <translation>{percent} % des commandes remboursées ou retournées</translation>
    </message>
    <message>
        <source>{n} login in the last 30 days</source>
        <translation>{n} connexion ces 30 derniers jours</translation>
    </message>
    <message>
        <source>{n} logins in the last 30 days</source>
        <translation>{n} connexions ces 30 derniers jours</translation>
    </message>
    <message>
        <source>{n} engagement event in 30 days</source>
        <translation>{n} interaction en 30 jours</translation>
    </message>
    <message>
        <source>{n} engagement events in 30 days</source>
        <translation>{n} interactions en 30 jours</translation>
    </message>
    <message>
        <source>engagement falling</source>
        <translation>engagement en baisse</translation>
    </message>
    <message>
        <source>engagement rising</source>
        <translation>engagement en hausse</translation>
    </message>
    <message>
        <source>engagement steady</source>
        <translation>engagement stable</translation>
    </message>
    <message>
        <source>no activity for {n} days or more</source>
        <translation>aucune activité depuis {n} jours ou plus</translation>
    </message>
    <message>
        <source>no activity for {n} day</source>
        <translation>aucune activité depuis {n} jour</translation>
    </message>
    <message>
        <source>no activity for {n} days</source>
        <translation>aucune activité depuis {n} jours</translation>
    </message>
    <message>
        <source>{n} support ticket in 90 days</source>
        <translation>{n} ticket de support en 90 jours</translation>
    </message>
    <message>
        <source>{n} support tickets in 90 days</source>
        <translation>{n} tickets de support en 90 jours</translation>
    </message>
    <message>
        <source>{n} open ticket</source>
        <translation>{n} ticket ouvert</translation>
    </message>
    <message>
        <source>{n} open tickets</source>
        <translation>{n} tickets ouverts</translation>
    </message>
    <message>
        <source>{n} escalated ticket in 90 days</source>
        <translation>{n} ticket escaladé en 90 jours</translation>
    </message>
    <message>
        <source>{n} escalated tickets in 90 days</source>
        <translation>{n} tickets escaladés en 90 jours</translation>
    </message>
    <message>
        <source>average satisfaction {score} of 5</source>
        <translation>satisfaction moyenne de {score} sur 5</translation>
    </message>
    <message>
        <source>no ratings</source>
        <translation>aucune note</translation>
    </message>
    <message>
        <source>{n} ticket rated 1 or 2</source>
        <translation>{n} ticket noté 1 ou 2</translation>
    </message>
    <message>
        <source>{n} tickets rated 1 or 2</source>
        <translation>{n} tickets notés 1 ou 2</translation>
    </message>
    <message>
        <source>{n} failed payment in 90 days</source>
        <translation>{n} paiement échoué en 90 jours</translation>
    </message>
    <message>
        <source>{n} failed payments in 90 days</source>
        <translation>{n} paiements échoués en 90 jours</translation>
    </message>
    <message>
        <source>{percent} % of payments failed in 90 days</source>
        <translation>{percent} % des paiements échoués en 90 jours</translation>
    </message>
    <message>
        <source>{n} failed payment since the last success</source>
        <translation>{n} paiement échoué depuis le dernier réussi</translation>
    </message>
    <message>
        <source>{n} failed payments since the last success</source>
        <translation>{n} paiements échoués depuis le dernier réussi</translation>
    </message>
    <message>
        <source>no failed payment in a year</source>
        <translation>aucun paiement échoué depuis un an</translation>
    </message>
    <message>
        <source>a payment failed {n} day ago</source>
        <translation>un paiement a échoué il y a {n} jour</translation>
    </message>
    <message>
        <source>a payment failed {n} days ago</source>
        <translation>un paiement a échoué il y a {n} jours</translation>
    </message>
    <message>
        <source>card expires within 30 days</source>
        <translation>carte expirant d&apos;ici 30 jours</translation>
    </message>
    <message>
        <source>no card expiring soon</source>
        <translation>aucune carte n&apos;expire bientôt</translation>
    </message>
    <message>
        <source>every card on file expired</source>
        <translation>toutes les cartes enregistrées ont expiré</translation>
    </message>
    <message>
        <source>a valid card on file</source>
        <translation>une carte valide enregistrée</translation>
    </message>
    <message>
        <source>has a card on file</source>
        <translation>a une carte enregistrée</translation>
    </message>
    <message>
        <source>no card on file</source>
        <translation>aucune carte enregistrée</translation>
    </message>
    <message>
        <source>a customer for {n} day</source>
        <translation>client depuis {n} jour</translation>
    </message>
    <message>
        <source>a customer for {n} days</source>
        <translation>client depuis {n} jours</translation>
    </message>
    <message>
        <source>has an active subscription</source>
        <translation>a un abonnement actif</translation>
    </message>
    <message>
        <source>no active subscription</source>
        <translation>aucun abonnement actif</translation>
    </message>
    <message>
        <source>cancelled a subscription</source>
        <translation>a résilié un abonnement</translation>
    </message>
    <message>
        <source>never cancelled</source>
        <translation>n&apos;a jamais résilié</translation>
    </message>
    <message>
        <source>{percent} % chance, by their buying rhythm, that they still buy</source>
        <translation>{percent} % de chances, d&apos;après son rythme d&apos;achat, qu&apos;il achète encore</translation>
    </message>
    <message>
        <source>about {count} orders expected in the horizon</source>
        <translation>environ {count} commandes attendues sur l&apos;horizon</translation>
    </message>
    <message>
        <source>no order expected</source>
        <translation>aucune commande attendue</translation>
    </message>
    <message>
        <source>usually {n} day between orders</source>
        <translation>habituellement {n} jour entre deux commandes</translation>
    </message>
    <message>
        <source>usually {n} days between orders</source>
        <translation>habituellement {n} jours entre deux commandes</translation>
    </message>
    <message>
        <source>{ratio} × their usual gap since the last order or more</source>
        <translation>{ratio} × son intervalle habituel depuis la dernière commande, ou plus</translation>
    </message>
    <message>
        <source>{ratio} × their usual gap since the last order</source>
        <translation>{ratio} × son intervalle habituel depuis la dernière commande</translation>
    </message>
    <message>
        <source>{n} order in the same weeks last year</source>
        <translation>{n} commande aux mêmes semaines l&apos;an dernier</translation>
    </message>
    <message>
        <source>{n} orders in the same weeks last year</source>
        <translation>{n} commandes aux mêmes semaines l&apos;an dernier</translation>
    </message>
    <message>
        <source>{label}: no data</source>
        <translation>{label} : pas de données</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label} : {value}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>Features</name>
    <message>
        <source>Days since last order</source>
        <translation>Jours depuis la dernière commande</translation>
    </message>
    <message>
        <source>Has ordered</source>
        <translation>A déjà commandé</translation>
    </message>
    <message>
        <source>Orders (all time)</source>
        <translation>Commandes (depuis toujours)</translation>
    </message>
    <message>
        <source>Orders per month of tenure</source>
        <translation>Commandes par mois d&apos;ancienneté</translation>
    </message>
    <message>
        <source>Orders, last 30 days</source>
        <translation>Commandes, 30 derniers jours</translation>
    </message>
    <message>
        <source>Orders, the 60 days before</source>
        <translation>Commandes, les 60 jours d&apos;avant</translation>
    </message>
    <message>
        <source>Order trend (30 d vs 60 d before)</source>
        <translation>Tendance des commandes (30 j contre les 60 j d&apos;avant)</translation>
    </message>
    <message>
        <source>Spend (all time)</source>
        <translation>Dépenses (depuis toujours)</translation>
    </message>
    <message>
        <source>Spend, last 90 days</source>
        <translation>Dépenses, 90 derniers jours</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Cancelled orders</source>
        <translation>Commandes annulées</translation>
    </message>
    <message>
        <source>Refunded or returned orders</source>
        <translation>Commandes remboursées ou retournées</translation>
    </message>
    <message>
        <source>Share of orders refunded or returned</source>
        <translation>Part des commandes remboursées ou retournées</translation>
    </message>
    <message>
        <source>Share of orders with a discount</source>
        <translation>Part des commandes avec remise</translation>
    </message>
    <message>
        <source>Discount as share of subtotal</source>
        <translation>Remise en part du sous-total</translation>
    </message>
    <message>
        <source>Logins, last 30 days</source>
        <translation>Connexions, 30 derniers jours</translation>
    </message>
    <message>
        <source>Email opens, last 30 days</source>
        <translation>E-mails ouverts, 30 derniers jours</translation>
    </message>
    <message>
        <source>Email clicks, last 30 days</source>
        <translation>Clics dans les e-mails, 30 derniers jours</translation>
    </message>
    <message>
        <source>Product views, last 30 days</source>
        <translation>Produits consultés, 30 derniers jours</translation>
    </message>
    <message>
        <source>Engagement events, last 30 days</source>
        <translation>Interactions, 30 derniers jours</translation>
    </message>
    <message>
        <source>Engagement events, the 60 days before</source>
        <translation>Interactions, les 60 jours d&apos;avant</translation>
    </message>
    <message>
        <source>Engagement trend (30 d vs 60 d before)</source>
        <translation>Tendance de l&apos;engagement (30 j contre les 60 j d&apos;avant)</translation>
    </message>
    <message>
        <source>Email clicks per open, last 90 days</source>
        <translation>Clics par e-mail ouvert, 90 derniers jours</translation>
    </message>
    <message>
        <source>Days since last activity (max 90)</source>
        <translation>Jours depuis la dernière activité (90 au plus)</translation>
    </message>
    <message>
        <source>Support tickets (all time)</source>
        <translation>Tickets de support (depuis toujours)</translation>
    </message>
    <message>
        <source>Support tickets, last 90 days</source>
        <translation>Tickets de support, 90 derniers jours</translation>
    </message>
    <message>
        <source>Open support tickets</source>
        <translation>Tickets de support ouverts</translation>
    </message>
    <message>
        <source>Escalated tickets, last 90 days</source>
        <translation>Tickets escaladés, 90 derniers jours</translation>
    </message>
    <message>
        <source>Average satisfaction (1–5)</source>
        <translation>Satisfaction moyenne (1 à 5)</translation>
    </message>
    <message>
        <source>Tickets rated 1 or 2</source>
        <translation>Tickets notés 1 ou 2</translation>
    </message>
    <message>
        <source>Failed payments, last 90 days</source>
        <translation>Paiements échoués, 90 derniers jours</translation>
    </message>
    <message>
        <source>Share of payments failed, last 90 days</source>
        <translation>Part des paiements échoués, 90 derniers jours</translation>
    </message>
    <message>
        <source>Failed payments since the last success</source>
        <translation>Paiements échoués depuis le dernier réussi</translation>
    </message>
    <message>
        <source>Days since a payment failed (max 365)</source>
        <translation>Jours depuis un paiement échoué (365 au plus)</translation>
    </message>
    <message>
        <source>Card expiring within 30 days</source>
        <translation>Carte expirant d&apos;ici 30 jours</translation>
    </message>
    <message>
        <source>Every card on file expired</source>
        <translation>Toutes les cartes enregistrées ont expiré</translation>
    </message>
    <message>
        <source>Has a card on file</source>
        <translation>A une carte enregistrée</translation>
    </message>
    <message>
        <source>Days as a customer</source>
        <translation>Jours en tant que client</translation>
    </message>
    <message>
        <source>Loyalty points (estimated as of the date)</source>
        <translation>Points de fidélité (estimés à la date)</translation>
    </message>
    <message>
        <source>Has an active subscription</source>
        <translation>A un abonnement actif</translation>
    </message>
    <message>
        <source>Cancelled a subscription</source>
        <translation>A résilié un abonnement</translation>
    </message>
    <message>
        <source>Subscription price per month</source>
        <translation>Prix mensuel de l&apos;abonnement</translation>
    </message>
    <message>
        <source>Chance still buying (BG/NBD)</source>
        <translation>Chance d&apos;acheter encore (BG/NBD)</translation>
    </message>
    <message>
        <source>Expected orders in the horizon (BG/NBD)</source>
        <translation>Commandes attendues sur l&apos;horizon (BG/NBD)</translation>
    </message>
    <message>
        <source>Usual days between orders</source>
        <translation>Jours habituels entre deux commandes</translation>
    </message>
    <message>
        <source>Days since last order ÷ usual gap</source>
        <translation>Jours depuis la dernière commande ÷ intervalle habituel</translation>
    </message>
    <message>
        <source>Orders in the same weeks last year</source>
        <translation>Commandes aux mêmes semaines l&apos;an dernier</translation>
    </message>
    <message>
        <source>{key} is {value}</source>
        <translation>{key} vaut {value}</translation>
    </message>
    <message>
        <source>On plan {plan}</source>
        <translation>Sur l’offre {plan}</translation>
    </message>
</context>
<context>
    <name>Imports</name>
    <message>
        <source>&apos;{email}&apos; is already taken</source>
        <translation>« {email} » est déjà utilisée</translation>
    </message>
    <message>
        <source>column {header}: dates could be DD/MM/YYYY or MM/DD/YYYY; read as DD/MM/YYYY (choose the date format to change it)</source>
        <translation>colonne {header} : les dates peuvent être au format JJ/MM/AAAA ou MM/JJ/AAAA ; lues comme JJ/MM/AAAA (choisissez le format de date pour changer cela)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is too long or too large: {problem}</source>
        <translation>« {value} » est trop long ou trop grand : {problem}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a probability</source>
        <translation>« {text} » n&apos;est pas une probabilité</translation>
    </message>
    <message>
        <source>&apos;{cell}&apos; is not one of {join}</source>
        <translation>« {cell} » ne fait pas partie de : {join}</translation>
    </message>
    <message>
        <source>line {line}, column {column}: {reason}</source>
        <translation>ligne {line}, colonne {column} : {reason}</translation>
    </message>
    <message>
        <source>&apos;{cell}&apos; cannot be read</source>
        <translation>« {cell} » est illisible</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>une valeur est obligatoire</translation>
    </message>
    <message>
        <source>no customer &apos;{ref}&apos; is known (import the customers first, or let the import create them)</source>
        <translation>aucun client « {ref} » n&apos;est connu (importez d&apos;abord les clients, ou laissez l&apos;import les créer)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/JJ/AAAA</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>AAAAMMJJ</translation>
    </message>
    <message>
        <source>Excel serial</source>
        <translation>Numéro de série Excel</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date format</source>
        <translation>« {text} » n&apos;est pas un format de date</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date format: use one of {join} or a pattern such as %d.%m.%Y</source>
        <translation>« {text} » n&apos;est pas un format de date : utilisez l&apos;un de {join} ou un modèle comme %d.%m.%Y</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date</source>
        <translation>« {text} » n&apos;est pas une date</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number</source>
        <translation>« {value} » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>« {text} » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number</source>
        <translation>« {value} » n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not yes or no</source>
        <translation>« {value} » n&apos;est ni oui ni non</translation>
    </message>
    <message>
        <source>the mapping &apos;{saved}&apos; is for {stored}, not {kind}</source>
        <translation>la correspondance « {saved} » est prévue pour {stored}, pas pour {kind}</translation>
    </message>
    <message>
        <source>Customer (id or email)</source>
        <translation>Client (identifiant ou e-mail)</translation>
    </message>
    <message>
        <source>Customer email</source>
        <translation>E-mail du client</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Customer country</source>
        <translation>Pays du client</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Customer id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom de famille</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>Client depuis</translation>
    </message>
    <message>
        <source>Account status</source>
        <translation>Statut du compte</translation>
    </message>
    <message>
        <source>Churned (yes/no)</source>
        <translation>Parti (oui/non)</translation>
    </message>
    <message>
        <source>Churned on</source>
        <translation>Parti le</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Dépensé</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>Dernière commande</translation>
    </message>
    <message>
        <source>Value per month</source>
        <translation>Valeur par mois</translation>
    </message>
    <message>
        <source>Loyalty points</source>
        <translation>Points de fidélité</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <source>Churn probability</source>
        <translation>Probabilité de départ</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Item id</source>
        <translation>Identifiant d&apos;article</translation>
    </message>
    <message>
        <source>Item SKU</source>
        <translation>Référence (SKU) de l&apos;article</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>Nom de l&apos;article</translation>
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
        <source>Orders (optionally with their items, one row per item)</source>
        <translation>Commandes (éventuellement avec leurs articles, une ligne par article)</translation>
    </message>
    <message>
        <source>Order id</source>
        <translation>Identifiant de commande</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Numéro de commande</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Payment status</source>
        <translation>Statut du paiement</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Placed at</source>
        <translation>Passée le</translation>
    </message>
    <message>
        <source>Delivered at</source>
        <translation>Livrée le</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Transporteur</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Numéro de suivi</translation>
    </message>
    <message>
        <source>Order items</source>
        <translation>Articles de commande</translation>
    </message>
    <message>
        <source>Order (id or number)</source>
        <translation>Commande (identifiant ou numéro)</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Référence (SKU)</translation>
    </message>
    <message>
        <source>Customer events</source>
        <translation>Événements clients</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>Identifiant d&apos;événement</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Type d&apos;événement</translation>
    </message>
    <message>
        <source>Occurred at</source>
        <translation>Survenu le</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Support tickets</source>
        <translation>Tickets de support</translation>
    </message>
    <message>
        <source>Ticket id</source>
        <translation>Identifiant de ticket</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>Numéro de ticket</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Première réponse</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>Résolu le</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escaladé</translation>
    </message>
    <message>
        <source>Satisfaction (1–5)</source>
        <translation>Satisfaction (1 à 5)</translation>
    </message>
    <message>
        <source>Support ticket messages</source>
        <translation>Messages des tickets de support</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>Identifiant de message</translation>
    </message>
    <message>
        <source>Ticket (id or number)</source>
        <translation>Ticket (identifiant ou numéro)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>From the customer</source>
        <translation>Envoyé par le client</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>Envoyé le</translation>
    </message>
    <message>
        <source>Payment methods</source>
        <translation>Moyens de paiement</translation>
    </message>
    <message>
        <source>Payment method id</source>
        <translation>Identifiant du moyen de paiement</translation>
    </message>
    <message>
        <source>Card brand</source>
        <translation>Réseau de la carte</translation>
    </message>
    <message>
        <source>Last four digits</source>
        <translation>Quatre derniers chiffres</translation>
    </message>
    <message>
        <source>Expiry month</source>
        <translation>Mois d&apos;expiration</translation>
    </message>
    <message>
        <source>Expiry year</source>
        <translation>Année d&apos;expiration</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Échecs</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Dernier échec</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Dernier succès</translation>
    </message>
    <message>
        <source>Payment transactions</source>
        <translation>Transactions de paiement</translation>
    </message>
    <message>
        <source>Transaction id</source>
        <translation>Identifiant de transaction</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Motif de l&apos;échec</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Subscription id</source>
        <translation>Identifiant d&apos;abonnement</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Formule</translation>
    </message>
    <message>
        <source>Plan price</source>
        <translation>Prix de la formule</translation>
    </message>
    <message>
        <source>Billing interval</source>
        <translation>Périodicité de facturation</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>Commencé le</translation>
    </message>
    <message>
        <source>Period end</source>
        <translation>Fin de période</translation>
    </message>
    <message>
        <source>Cancelled at</source>
        <translation>Résilié le</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>Motif de résiliation</translation>
    </message>
    <message>
        <source>Churn records (customer, churned on, reason)</source>
        <translation>Départs de clients (client, date du départ, motif)</translation>
    </message>
    <message>
        <source>Churn record id</source>
        <translation>Identifiant du départ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>the file has no column &apos;{source}&apos;</source>
        <translation>le fichier n&apos;a pas de colonne « {source} »</translation>
    </message>
    <message>
        <source>&apos;{field}&apos; is not a field of {kind}: {fields}</source>
        <translation>« {field} » n&apos;est pas un champ de {kind} : {fields}</translation>
    </message>
    <message>
        <source>no saved mapping is called &apos;{name}&apos;</source>
        <translation>aucune correspondance enregistrée ne s&apos;appelle « {name} »</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>virgule</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>point-virgule</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <source>bar</source>
        <translation>barre verticale</translation>
    </message>
    <message>
        <source>CSV, {encoding}, {delimiter}</source>
        <translation>CSV, {encoding}, {delimiter}</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path} : fichier introuvable</translation>
    </message>
    <message>
        <source>{name}: old Excel files (.xls) cannot be read; save as .xlsx</source>
        <translation>{name} : les anciens fichiers Excel (.xls) ne peuvent pas être lus ; enregistrez-le au format .xlsx</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name} : le fichier est vide</translation>
    </message>
    <message>
        <source>{name}: the first line holds no column names</source>
        <translation>{name} : la première ligne ne contient aucun nom de colonne</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>ligne {line} : {reason}</translation>
    </message>
    <message>
        <source>{file}: not {encoding} text after line {line}</source>
        <translation>{file} : pas du texte {encoding} après la ligne {line}</translation>
    </message>
    <message>
        <source>{name}: the first sheet holds no column names</source>
        <translation>{name} : la première feuille ne contient aucun nom de colonne</translation>
    </message>
    <message>
        <source>{name}: not a readable XLSX file ({error})</source>
        <translation>{name} : fichier XLSX illisible ({error})</translation>
    </message>
    <message>
        <source>{kind} from {file}: read {read}, inserted {inserted}, updated {updated}, unchanged {unchanged}, rejected {rejected}</source>
        <translation>{kind} depuis {file} : {read} lues, {inserted} ajoutées, {updated} mises à jour, {unchanged} inchangées, {rejected} rejetées</translation>
    </message>
    <message>
        <source>customers created {n}</source>
        <translation>{n} clients créés</translation>
    </message>
    <message>
        <source>(dry run: nothing written)</source>
        <translation>(essai à blanc : rien n&apos;a été enregistré)</translation>
    </message>
    <message>
        <source>(nothing written)</source>
        <translation>(rien n&apos;a été enregistré)</translation>
    </message>
    <message>
        <source>lines {first}–{last}: a row gives an email, order or ticket number that another row of the file already gave to a different id; nothing of these lines was written</source>
        <translation>lignes {first}–{last} : une ligne donne un e-mail, un numéro de commande ou de ticket qu’une autre ligne du fichier a déjà donné à un autre identifiant ; rien de ces lignes n’a été écrit</translation>
    </message>
    <message>
        <source>no column is mapped to {name}</source>
        <translation>aucune colonne n’est associée à {name}</translation>
    </message>
    <message>
        <source>{n} rows read</source>
        <translation>{n} lignes lues</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>customer</source>
        <translation>client</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>clients</translation>
    </message>
    <message>
        <source>audit entry</source>
        <translation>entrée d&apos;audit</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>entrées d&apos;audit</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>ID utilisateur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Entity ID</source>
        <translation>ID de l&apos;entité</translation>
    </message>
    <message>
        <source>Changes (before → after)</source>
        <translation>Modifications (avant → après)</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
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
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Dépensé</translation>
    </message>
    <message>
        <source>Value / month</source>
        <translation>Valeur / mois</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>Dernière commande</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerte</translation>
    </message>
    <message>
        <source>alerts</source>
        <translation>alertes</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Assignée à</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Levée le</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Prise en charge le</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Close le</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation>ticket</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>tickets</translation>
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
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Première réponse</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu le</translation>
    </message>
    <message>
        <source>order</source>
        <translation>commande</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>commandes</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Passée le</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrée le</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>{field}: {message}</source>
        <translation>{field} : {message}</translation>
    </message>
    <message>
        <source>must be one of {join}</source>
        <translation>doit être l&apos;une des valeurs : {join}</translation>
    </message>
    <message>
        <source>must be above 0 and at most 1</source>
        <translation>doit être supérieur à 0 et au plus 1</translation>
    </message>
    <message>
        <source>must be a probability between 0 and 1</source>
        <translation>doit être une probabilité entre 0 et 1</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>doit valoir au moins 1</translation>
    </message>
    <message>
        <source>must be between 0 and 100 points</source>
        <translation>doit être entre 0 et 100 points</translation>
    </message>
    <message>
        <source>top {share} by expected lost revenue per day</source>
        <translation>les {share} premiers par revenu perdu attendu par jour</translation>
    </message>
    <message>
        <source>churn probability at least {threshold}</source>
        <translation>probabilité de départ d&apos;au moins {threshold}</translation>
    </message>
    <message>
        <source>top {k} by expected lost revenue per day</source>
        <translation>les {k} premiers par revenu perdu attendu par jour</translation>
    </message>
    <message>
        <source>at most {n} new alerts per agent per day</source>
        <translation>au plus {n} nouvelles alertes par agent et par jour</translation>
    </message>
    <message>
        <source>a rise of {points} points</source>
        <translation>une hausse de {points} points</translation>
    </message>
    <message>
        <source>is not a policy field</source>
        <translation>n&apos;est pas un réglage de la politique d&apos;alertes</translation>
    </message>
    <message>
        <source>must be a number, not {value}</source>
        <translation>doit être un nombre, pas {value}</translation>
    </message>
    <message>
        <source>no active model to backtest with; train and activate one first</source>
        <translation>aucun modèle actif pour le test rétrospectif ; entraînez-en un et activez-le d&apos;abord</translation>
    </message>
    <message>
        <source>{positives} churners and {positives2} others in the one period; at least {min_train_positives} of each are needed for {kfold_splits}-fold validation – more customers, or another --as-of</source>
        <translation>{positives} clients partis et {positives2} autres sur la période ; il en faut au moins {min_train_positives} de chaque pour une validation en {kfold_splits} blocs – plus de clients, ou une autre date --as-of</translation>
    </message>
    <message>
        <source>{train_pos} churners and {train_neg} others before the validation period; at least {min_train_positives} of each are needed – {hint}</source>
        <translation>{train_pos} clients partis et {train_neg} autres avant la période de validation ; il en faut au moins {min_train_positives} de chaque – {hint}</translation>
    </message>
    <message>
        <source>{val_pos} churners and {val_neg} others in the last {horizon_days} days; at least {min_validation_positives} of each are needed – {hint}</source>
        <translation>{val_pos} clients partis et {val_neg} autres sur les {horizon_days} derniers jours ; il en faut au moins {min_validation_positives} de chaque – {hint}</translation>
    </message>
    <message>
        <source>there is no model named &apos;{text}&apos;</source>
        <translation>aucun modèle ne s&apos;appelle « {text} »</translation>
    </message>
    <message>
        <source>the horizon must be at least 7 days</source>
        <translation>l&apos;horizon doit être d&apos;au moins 7 jours</translation>
    </message>
    <message>
        <source>the churn definition must be &apos;status&apos; or &apos;inactivity&apos;</source>
        <translation>la définition du départ doit être « status » ou « inactivity »</translation>
    </message>
    <message>
        <source>inactivity must be between 7 and 3650 days</source>
        <translation>l&apos;inactivité doit être comprise entre 7 et 3650 jours</translation>
    </message>
    <message>
        <source>between 0 and {max_snapshots} training snapshots</source>
        <translation>entre 0 et {max_snapshots} instantanés d&apos;entraînement</translation>
    </message>
    <message>
        <source>the snapshot step must be at least one day</source>
        <translation>l&apos;écart entre instantanés doit être d&apos;au moins un jour</translation>
    </message>
    <message>
        <source>the chunk size must be at least 1</source>
        <translation>la taille des lots doit valoir au moins 1</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; is retired; activate it or choose another</source>
        <translation>le modèle « {name} » est retiré ; activez-le ou choisissez-en un autre</translation>
    </message>
    <message>
        <source>choose from {join}</source>
        <translation>choisissez parmi : {join}</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; has no stored artifact</source>
        <translation>le modèle « {name} » n&apos;a pas de fichier enregistré</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; has no sha256 recorded; refusing to load it</source>
        <translation>le modèle « {name} » n&apos;a pas d&apos;empreinte sha256 enregistrée ; il n&apos;est pas chargé</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; was refused: its artifact does not match its sha256 (changed or corrupted in the database); retrain or restore it</source>
        <translation>le modèle « {name} » est refusé : son fichier ne correspond pas à son empreinte sha256 (modifié ou abîmé dans la base) ; réentraînez-le ou restaurez-le</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; was refused: not a readable skops file ({problem})</source>
        <translation>le modèle « {name} » est refusé : ce n&apos;est pas un fichier skops lisible ({problem})</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; was refused: its artifact holds types outside the trusted list ({types})</source>
        <translation>le modèle « {name} » est refusé : son fichier contient des types hors de la liste de confiance ({types})</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; could not be loaded safely: {problem}</source>
        <translation>le modèle « {name} » n&apos;a pas pu être chargé en toute sécurité : {problem}</translation>
    </message>
    <message>
        <source>model &apos;{name}&apos; cannot be used: {problem}; retrain it</source>
        <translation>le modèle « {name} » est inutilisable ({problem}) ; réentraînez-le</translation>
    </message>
    <message>
        <source>Replaying {day}</source>
        <translation>Rejeu du {day}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Top {share}</source>
        <translation>Les {share} premiers</translation>
    </message>
    <message>
        <source>As of {day}: the newest activity ({newest}) is {age} days old, more than the {horizon}-day horizon, so the day after it is used (choose another with --as-of DATE)</source>
        <translation>Date de référence {day} : l&apos;activité la plus récente ({newest}) date de {age} jours, plus que l&apos;horizon de {horizon} jours ; le lendemain de cette activité est donc utilisé (choisissez-en une autre avec --as-of DATE)</translation>
    </message>
</context>
<context>
    <name>NextSteps</name>
    <message>
        <source>Resolve the open ticket first</source>
        <translation>Résoudre d’abord le ticket ouvert</translation>
    </message>
    <message>
        <source>Ask for a payment update</source>
        <translation>Demander la mise à jour du paiement</translation>
    </message>
    <message>
        <source>Send a win-back offer</source>
        <translation>Envoyer une offre de reconquête</translation>
    </message>
    <message>
        <source>an escalated ticket is open</source>
        <translation>un ticket escaladé est ouvert</translation>
    </message>
    <message>
        <source>Call back about the open support ticket before any offer.</source>
        <translation>Rappeler au sujet du ticket de support ouvert avant toute offre.</translation>
    </message>
    <message>
        <source>Asked the customer to update their payment method.</source>
        <translation>Demandé au client de mettre à jour son moyen de paiement.</translation>
    </message>
    <message>
        <source>Win-back offer: orders have fallen off.</source>
        <translation>Offre de reconquête : les commandes ont baissé.</translation>
    </message>
</context>
<context>
    <name>Offline</name>
    <message>
        <source>{name__} #{ident} is not in the offline copy</source>
        <translation>{name__} n° {ident} n&apos;est pas dans la copie hors ligne</translation>
    </message>
    <message>
        <source>it changes something made offline that the server did not take</source>
        <translation>elle modifie un élément créé hors ligne que le serveur n&apos;a pas accepté</translation>
    </message>
    <message>
        <source>the staff account that made it no longer exists</source>
        <translation>le compte qui l&apos;a faite n&apos;existe plus</translation>
    </message>
    <message>
        <source>&apos;{part}&apos; is not key=value</source>
        <translation>« {part} » n&apos;est pas de la forme clé=valeur</translation>
    </message>
    <message>
        <source>assignee is default, mine or any</source>
        <translation>assignee vaut default, mine ou any</translation>
    </message>
    <message>
        <source>priority is one of {join}</source>
        <translation>priority est l&apos;une des valeurs : {join}</translation>
    </message>
    <message>
        <source>status is one of {join}</source>
        <translation>status est l&apos;une des valeurs : {join}</translation>
    </message>
    <message>
        <source>unknown key &apos;{key}&apos; (assignee, priority, status)</source>
        <translation>clé inconnue « {key} » (assignee, priority, status)</translation>
    </message>
    <message>
        <source>take at least 1 alert</source>
        <translation>prenez au moins 1 alerte</translation>
    </message>
    <message>
        <source>reading the alerts</source>
        <translation>lecture des alertes</translation>
    </message>
    <message>
        <source>reading the customers</source>
        <translation>lecture des clients</translation>
    </message>
    <message>
        <source>reading users, tags and segments</source>
        <translation>lecture des utilisateurs, étiquettes et segments</translation>
    </message>
    <message>
        <source>{alerts} alerts, {customers} customers</source>
        <translation>{alerts} alertes, {customers} clients</translation>
    </message>
    <message>
        <source>This needs the shared database, which cannot be reached now; it can be done when the connection is back.</source>
        <translation>Cette action a besoin de la base partagée, injoignable pour l&apos;instant ; vous pourrez la faire au retour de la connexion.</translation>
    </message>
    <message>
        <source>Recording the customer&apos;s own message needs the shared database.</source>
        <translation>Enregistrer un message du client lui-même nécessite la base partagée.</translation>
    </message>
    <message>
        <source>cannot create the folder {folder} for the offline copy: {problem}</source>
        <translation>impossible de créer le dossier {folder} pour la copie hors ligne : {problem}</translation>
    </message>
</context>
<context>
    <name>Read</name>
    <message>
        <source>{name} have no column &apos;{name2}&apos; (choose from {choices})</source>
        <translation>{name} n&apos;ont pas de colonne « {name2} » (choisissez parmi {choices})</translation>
    </message>
    <message>
        <source>choose at least one column</source>
        <translation>choisissez au moins une colonne</translation>
    </message>
    <message>
        <source>&apos;{fmt}&apos; is not an export format (csv or xlsx)</source>
        <translation>« {fmt} » n&apos;est pas un format d&apos;export (csv ou xlsx)</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>le dossier {folder} n&apos;existe pas</translation>
    </message>
    <message>
        <source>an XLSX sheet holds {xlsx_max_rows} rows and {total} {noun} match: export them as CSV</source>
        <translation>une feuille XLSX contient au plus {xlsx_max_rows} lignes et {total} {noun} correspondent : exportez en CSV</translation>
    </message>
    <message>
        <source>Exporting {total} {noun}</source>
        <translation>Export de {total} {noun}</translation>
    </message>
    <message>
        <source>{written} of {total} {noun}</source>
        <translation>{written} {noun} sur {total}</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>{what}: removed {done} rows so far</source>
        <translation>{what} : {done} lignes supprimées jusqu’ici</translation>
    </message>
    <message>
        <source>Resumes the unfinished retention run #{run} (its cutoffs).</source>
        <translation>Reprend la purge n° {run} restée inachevée (avec ses dates limites).</translation>
    </message>
    <message>
        <source>{table}: {goes} {what} from before {before} (kept {days} days)</source>
        <translation>{table} : {goes} {what} d&apos;avant le {before} (conservation {days} jours)</translation>
    </message>
    <message>
        <source>  kept {rows}: {reason}</source>
        <translation>  conservé(e)s {rows} : {reason}</translation>
    </message>
    <message>
        <source>{what} are kept {need} days, not {days}: the active model ({model}) reads them that far back ({features})</source>
        <translation>{what} : conservation {need} jours et non {days}, car le modèle actif ({model}) remonte jusque-là ({features})</translation>
    </message>
    <message>
        <source>each customer&apos;s latest prediction</source>
        <translation>la dernière prédiction de chaque client</translation>
    </message>
    <message>
        <source>referred to by alerts that are kept</source>
        <translation>citées par des alertes conservées</translation>
    </message>
    <message>
        <source>resolved and dismissed alerts</source>
        <translation>alertes résolues et écartées</translation>
    </message>
    <message>
        <source>churn predictions</source>
        <translation>prédictions de départ</translation>
    </message>
    <message>
        <source>customer events</source>
        <translation>événements clients</translation>
    </message>
    <message>
        <source>system metrics</source>
        <translation>métriques système</translation>
    </message>
    <message>
        <source>deleted customers (and all their rows)</source>
        <translation>clients supprimés (avec toutes leurs lignes)</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>the database is at schema version {version}, newer than this ChurnWatch (knows up to {known}); upgrade ChurnWatch</source>
        <translation>la base est au schéma version {version}, plus récent que ce ChurnWatch (qui connaît jusqu&apos;à la version {known}) ; mettez ChurnWatch à jour</translation>
    </message>
    <message>
        <source>the database has no ChurnWatch tables; run: churnwatch init-db (needs schema {known})</source>
        <translation>la base n&apos;a pas de tables ChurnWatch ; lancez : churnwatch init-db (schéma {known} requis)</translation>
    </message>
    <message>
        <source>the database is at schema version {version}; run: churnwatch init-db (needs schema {known})</source>
        <translation>la base est au schéma version {version} ; lancez : churnwatch init-db (schéma {known} requis)</translation>
    </message>
    <message>
        <source>another workstation is changing the schema; try again in a minute</source>
        <translation>un autre poste modifie le schéma ; réessayez dans une minute</translation>
    </message>
</context>
<context>
    <name>Scoring</name>
    <message>
        <source>{scored} of {total} customers scored</source>
        <translation>{scored} clients notés sur {total}</translation>
    </message>
    <message>
        <source>no model is active; train one (churnwatch train --activate) or activate one (churnwatch models activate NAME), or pass --model NAME</source>
        <translation>aucun modèle n&apos;est actif : entraînez-en un (churnwatch train --activate), activez-en un (churnwatch models activate NOM) ou indiquez --model NOM</translation>
    </message>
    <message>
        <source>another workstation is starting a run; try again in a minute</source>
        <translation>un autre poste lance un calcul ; réessayez dans une minute</translation>
    </message>
    <message>
        <source>there is no scoring run #{run}</source>
        <translation>il n&apos;y a pas de calcul de scores n° {run}</translation>
    </message>
    <message>
        <source>scoring run #{run} is already complete</source>
        <translation>le calcul de scores n° {run} est déjà terminé</translation>
    </message>
    <message>
        <source>chunk {chunk} of run {run} was claimed by another scorer</source>
        <translation>le lot {chunk} du calcul {run} a été pris par un autre poste</translation>
    </message>
</context>
<context>
    <name>Separators</name>
    <message>
        <source>; </source>
        <translation>&#xa0;; </translation>
    </message>
    <message>
        <source>: </source>
        <translation>&#xa0;: </translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>another customer has this email address</source>
        <translation>un autre client a déjà cette adresse e-mail</translation>
    </message>
    <message>
        <source>unknown account status &apos;{status}&apos;</source>
        <translation>statut de compte inconnu « {status} »</translation>
    </message>
    <message>
        <source>cannot move a customer from {words} to {words2}{hint}</source>
        <translation>impossible de faire passer un client de {words} à {words2}{hint}</translation>
    </message>
    <message>
        <source>the new password needs at least {n} characters</source>
        <translation>le nouveau mot de passe doit compter au moins {n} caractères</translation>
    </message>
    <message>
        <source>the new password is limited to {n} characters</source>
        <translation>le nouveau mot de passe est limité à {n} caractères</translation>
    </message>
    <message>
        <source>the new password must differ from the current one</source>
        <translation>le nouveau mot de passe doit être différent de l&apos;actuel</translation>
    </message>
    <message>
        <source>that is not your current password</source>
        <translation>ce n&apos;est pas votre mot de passe actuel</translation>
    </message>
    <message>
        <source>choose an active staff member</source>
        <translation>choisissez un membre actif de l’équipe</translation>
    </message>
    <message>
        <source>an alert is closed as resolved or dismissed</source>
        <translation>une alerte se clôt comme résolue ou écartée</translation>
    </message>
    <message>
        <source>{refusal} (take the alert first: assign it to you)</source>
        <translation>{refusal} (prenez d&apos;abord l&apos;alerte : assignez-la-vous)</translation>
    </message>
    <message>
        <source>{label} was changed{detail} after you opened it; nothing was saved. Reload it and try again.</source>
        <translation>{label} a été modifié{detail} après son ouverture ; rien n&apos;a été enregistré. Rechargez et réessayez.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>quelqu&apos;un</translation>
    </message>
    <message>
        <source> by {who} at {when}{what}</source>
        <translation> par {who} le {when}{what}</translation>
    </message>
    <message>
        <source>{changed} {noun} {verb}</source>
        <translation>{changed} {noun} : {verb}</translation>
    </message>
    <message>
        <source>{text}; {skipped} skipped (already changed)</source>
        <translation>{text} ; {skipped} ignorée(s) (déjà modifiée(s))</translation>
    </message>
    <message>
        <source>{changed} of {total} {verb}; the rest were not changed ({reason})</source>
        <translation>{changed} sur {total} : {verb} ; le reste n&apos;a pas été modifié ({reason})</translation>
    </message>
    <message>
        <source>the database connection was lost</source>
        <translation>la connexion à la base de données a été perdue</translation>
    </message>
    <message>
        <source>the database stayed busy</source>
        <translation>la base de données est restée occupée</translation>
    </message>
    <message>
        <source>{what} #{obj_id} no longer exists (deleted by someone else?)</source>
        <translation>{what} n° {obj_id} n&apos;existe plus (supprimé par quelqu&apos;un d&apos;autre ?)</translation>
    </message>
    <message>
        <source>{exc}; you may export your own queue (“assigned to me”)</source>
        <translation>{exc} ; vous pouvez exporter votre propre file (« assignées à moi »)</translation>
    </message>
    <message>
        <source>the mapping needs a name</source>
        <translation>la correspondance a besoin d’un nom</translation>
    </message>
    <message>
        <source>at most {mapping_name_max} characters</source>
        <translation>au plus {mapping_name_max} caractères</translation>
    </message>
    <message>
        <source>choose how you reached out</source>
        <translation>choisissez comment vous avez contacté le client</translation>
    </message>
    <message>
        <source>choose what kind of outreach this was</source>
        <translation>choisissez le type de prise de contact</translation>
    </message>
    <message>
        <source>choose an outcome</source>
        <translation>choisissez un résultat</translation>
    </message>
    <message>
        <source>this outreach already has its outcome ({words})</source>
        <translation>cette prise de contact a déjà son résultat ({words})</translation>
    </message>
    <message>
        <source>you can only change your own notes</source>
        <translation>vous ne pouvez modifier que vos propres notes</translation>
    </message>
    <message>
        <source>a tag named &apos;{name}&apos; already exists</source>
        <translation>une étiquette « {name} » existe déjà</translation>
    </message>
    <message>
        <source>browse customers, alerts and tickets</source>
        <translation>consulter les clients, les alertes et les tickets</translation>
    </message>
    <message>
        <source>write notes</source>
        <translation>rédiger des notes</translation>
    </message>
    <message>
        <source>tag customers</source>
        <translation>étiqueter des clients</translation>
    </message>
    <message>
        <source>log interventions</source>
        <translation>consigner des interventions</translation>
    </message>
    <message>
        <source>acknowledge alerts</source>
        <translation>prendre en compte des alertes</translation>
    </message>
    <message>
        <source>resolve alerts assigned to them</source>
        <translation>résoudre les alertes qui leur sont attribuées</translation>
    </message>
    <message>
        <source>resolve alerts assigned to someone else or to nobody</source>
        <translation>résoudre les alertes attribuées à quelqu&apos;un d&apos;autre ou à personne</translation>
    </message>
    <message>
        <source>act on several alerts at once</source>
        <translation>traiter plusieurs alertes à la fois</translation>
    </message>
    <message>
        <source>assign alerts and tickets to someone else</source>
        <translation>attribuer des alertes et des tickets à quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>work tickets assigned to them or unassigned</source>
        <translation>traiter les tickets qui leur sont attribués ou qui ne sont pas attribués</translation>
    </message>
    <message>
        <source>work tickets assigned to someone else</source>
        <translation>traiter les tickets attribués à quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>change a customer&apos;s account status</source>
        <translation>changer le statut du compte d&apos;un client</translation>
    </message>
    <message>
        <source>change a customer&apos;s name or email address</source>
        <translation>changer le nom ou l&apos;adresse e-mail d&apos;un client</translation>
    </message>
    <message>
        <source>create, rename or delete tags and segments</source>
        <translation>créer, renommer ou supprimer des étiquettes et des segments</translation>
    </message>
    <message>
        <source>train models</source>
        <translation>entraîner des modèles</translation>
    </message>
    <message>
        <source>activate or retire models</source>
        <translation>activer ou retirer des modèles</translation>
    </message>
    <message>
        <source>start or cancel a scoring run</source>
        <translation>lancer ou annuler un calcul des scores</translation>
    </message>
    <message>
        <source>apply an alert policy</source>
        <translation>appliquer une politique d&apos;alertes</translation>
    </message>
    <message>
        <source>export their own queue of alerts or tickets</source>
        <translation>exporter leur propre file d&apos;alertes ou de tickets</translation>
    </message>
    <message>
        <source>export lists and customer summaries</source>
        <translation>exporter des listes et des fiches de synthèse client</translation>
    </message>
    <message>
        <source>import data</source>
        <translation>importer des données</translation>
    </message>
    <message>
        <source>read the audit trail</source>
        <translation>consulter le journal d&apos;audit</translation>
    </message>
    <message>
        <source>read everyone&apos;s audit trail</source>
        <translation>consulter le journal d&apos;audit de tout le monde</translation>
    </message>
    <message>
        <source>manage users and roles</source>
        <translation>gérer les utilisateurs et les rôles</translation>
    </message>
    <message>
        <source>change the database connection and retention</source>
        <translation>modifier la connexion à la base de données et la conservation des données</translation>
    </message>
    <message>
        <source>set the retention policy and remove old data by it</source>
        <translation>définir la politique de conservation et supprimer les anciennes données en conséquence</translation>
    </message>
    <message>
        <source>agents</source>
        <translation>agents</translation>
    </message>
    <message>
        <source>supervisors</source>
        <translation>superviseurs</translation>
    </message>
    <message>
        <source>admins</source>
        <translation>administrateurs</translation>
    </message>
    <message>
        <source>{names} and {last}</source>
        <translation>{names} et les {last}</translation>
    </message>
    <message>
        <source>only {who} may {what}</source>
        <translation>seuls les {who} peuvent {what}</translation>
    </message>
    <message>
        <source>your account is disabled; ask an administrator</source>
        <translation>votre compte est désactivé ; adressez-vous à un administrateur</translation>
    </message>
    <message>
        <source>sign in to do this ({refusal}): on the command line, --as USERNAME</source>
        <translation>connectez-vous pour faire cela ({refusal}) : en ligne de commande, --as UTILISATEUR</translation>
    </message>
    <message>
        <source>is not a retention rule</source>
        <translation>n&apos;est pas une règle de conservation</translation>
    </message>
    <message>
        <source>{table} is not purged by the retention policy</source>
        <translation>{table} n&apos;est pas purgée par la politique de conservation</translation>
    </message>
    <message>
        <source>retention run #{run_id} no longer exists</source>
        <translation>la purge n° {run_id} n&apos;existe plus</translation>
    </message>
    <message>
        <source>the channel must be one of {join}</source>
        <translation>le canal doit être l&apos;un de : {join}</translation>
    </message>
    <message>
        <source>this customer was deleted</source>
        <translation>ce client a été supprimé</translation>
    </message>
    <message>
        <source>unknown ticket status &apos;{status}&apos;</source>
        <translation>statut de ticket inconnu « {status} »</translation>
    </message>
    <message>
        <source>cannot move a ticket from {words} to {words2} (from {words} it can go to {join})</source>
        <translation>impossible de faire passer un ticket de {words} à {words2} (depuis {words}, il peut passer à : {join})</translation>
    </message>
    <message>
        <source>the subject is limited to 200 characters</source>
        <translation>l&apos;objet est limité à 200 caractères</translation>
    </message>
    <message>
        <source>the category must be one of {join}</source>
        <translation>la catégorie doit être l&apos;une de : {join}</translation>
    </message>
    <message>
        <source>the priority must be one of {join}</source>
        <translation>la priorité doit être l&apos;une de : {join}</translation>
    </message>
    <message>
        <source>&apos;{action}&apos; cannot be undone</source>
        <translation>« {action} » ne peut pas être annulé</translation>
    </message>
    <message>
        <source>an undo covers at most {n} alerts; nothing changed</source>
        <translation>une annulation porte sur {n} alertes au plus ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>a username is 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit</source>
        <translation>un nom d&apos;utilisateur compte 1 à 64 lettres, chiffres, points, tirets ou soulignés, et commence par une lettre ou un chiffre</translation>
    </message>
    <message>
        <source>the username &apos;{username}&apos; is taken</source>
        <translation>le nom d&apos;utilisateur « {username} » est déjà pris</translation>
    </message>
    <message>
        <source>the role must be one of {join}</source>
        <translation>le rôle doit être l&apos;un de : {join}</translation>
    </message>
    <message>
        <source>the address &apos;{email}&apos; belongs to another account</source>
        <translation>l&apos;adresse « {email} » appartient à un autre compte</translation>
    </message>
    <message>
        <source>this database already has users; an admin adds new ones (--as USERNAME)</source>
        <translation>cette base a déjà des utilisateurs ; c&apos;est un administrateur qui en ajoute (--as UTILISATEUR)</translation>
    </message>
    <message>
        <source>this is the last active admin; make someone else an admin first</source>
        <translation>c&apos;est le dernier administrateur actif ; nommez d&apos;abord quelqu&apos;un d&apos;autre administrateur</translation>
    </message>
    <message>
        <source>there is no user #{user_id}</source>
        <translation>il n&apos;y a pas d&apos;utilisateur n° {user_id}</translation>
    </message>
    <message>
        <source>there is no user named &apos;{text}&apos;</source>
        <translation>aucun utilisateur ne s&apos;appelle « {text} »</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <source>Churn risk</source>
        <translation>Risque de départ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>No factors recorded.</source>
        <translation>Aucun facteur enregistré.</translation>
    </message>
    <message>
        <source>Not scored yet.</source>
        <translation>Pas encore noté.</translation>
    </message>
    <message>
        <source>No health score computed yet.</source>
        <translation>Aucun score de santé calculé pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Account {status} · customer since {since} · account value {value} a month · customer #{id}</source>
        <translation>Compte {status} · client depuis le {since} · valeur du compte {value} par mois · client nº {id}</translation>
    </message>
    <message>
        <source> (scored {day})</source>
        <translation> (score du {day})</translation>
    </message>
    <message>
        <source>purchase {purchase} · engagement {engagement} · support {support} · recency {recency}</source>
        <translation>achats {purchase} · engagement {engagement} · support {support} · récence {recency}</translation>
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
        <source>Payment methods</source>
        <translation>Moyens de paiement</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Signaux</translation>
    </message>
    <message>
        <source>No stored payment method.</source>
        <translation>Aucun moyen de paiement enregistré.</translation>
    </message>
    <message>
        <source>Recent orders</source>
        <translation>Commandes récentes</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Passée le</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>No orders.</source>
        <translation>Aucune commande.</translation>
    </message>
    <message>
        <source>Recent tickets</source>
        <translation>Tickets récents</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>No tickets.</source>
        <translation>Aucun ticket.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>No notes.</source>
        <translation>Aucune note.</translation>
    </message>
    <message>
        <source>Interventions</source>
        <translation>Interventions</translation>
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
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>No interventions.</source>
        <translation>Aucune intervention.</translation>
    </message>
    <message>
        <source>ChurnWatch · printed {when} UTC · personal data: keep it safe</source>
        <translation>ChurnWatch · imprimé le {when} UTC · données personnelles : à protéger</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>must be a finite number</source>
        <translation>doit être un nombre fini</translation>
    </message>
    <message>
        <source>at most {cap} characters (this is {length})</source>
        <translation>{cap} caractères au plus (ici {length})</translation>
    </message>
    <message>
        <source>at most {n}</source>
        <translation>au plus {n}</translation>
    </message>
    <message>
        <source>at least {n}</source>
        <translation>au moins {n}</translation>
    </message>
    <message>
        <source>at most {search_max_chars} characters (nothing longer can match)</source>
        <translation>au plus {search_max_chars} caractères (rien de plus long ne peut correspondre)</translation>
    </message>
    <message>
        <source>a username</source>
        <translation>un nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>a display name</source>
        <translation>un nom d&apos;affichage</translation>
    </message>
    <message>
        <source>the role must be one of {join}</source>
        <translation>le rôle doit être l&apos;un de : {join}</translation>
    </message>
    <message>
        <source>a name</source>
        <translation>un nom</translation>
    </message>
    <message>
        <source>the account value</source>
        <translation>la valeur du compte</translation>
    </message>
    <message>
        <source>the account status must be one of {join}</source>
        <translation>le statut du compte doit être l&apos;un de : {join}</translation>
    </message>
    <message>
        <source>the risk level must be one of {join}</source>
        <translation>le niveau de risque doit être l&apos;un de : {join}</translation>
    </message>
    <message>
        <source>the health score</source>
        <translation>le score de santé</translation>
    </message>
    <message>
        <source>an order number</source>
        <translation>un numéro de commande</translation>
    </message>
    <message>
        <source>the quantity must be at least 1</source>
        <translation>la quantité doit être au moins 1</translation>
    </message>
    <message>
        <source>the unit price</source>
        <translation>le prix unitaire</translation>
    </message>
    <message>
        <source>a plan name</source>
        <translation>un nom d&apos;offre</translation>
    </message>
    <message>
        <source>the price</source>
        <translation>le prix</translation>
    </message>
    <message>
        <source>the card brand must be one of {join}</source>
        <translation>le réseau de la carte doit être l&apos;un de : {join}</translation>
    </message>
    <message>
        <source>the failure count</source>
        <translation>le nombre d&apos;échecs</translation>
    </message>
    <message>
        <source>the amount</source>
        <translation>le montant</translation>
    </message>
    <message>
        <source>a subject</source>
        <translation>un objet</translation>
    </message>
    <message>
        <source>satisfaction is rated from 1 to 5</source>
        <translation>la satisfaction se note de 1 à 5</translation>
    </message>
    <message>
        <source>a message</source>
        <translation>un message</translation>
    </message>
    <message>
        <source>a customer&apos;s message cannot be an internal note</source>
        <translation>un message du client ne peut pas être une note interne</translation>
    </message>
    <message>
        <source>a title</source>
        <translation>un titre</translation>
    </message>
    <message>
        <source>the priority must be one of {join}</source>
        <translation>la priorité doit être l&apos;une de : {join}</translation>
    </message>
    <message>
        <source>the note</source>
        <translation>la note</translation>
    </message>
    <message>
        <source>a tag name</source>
        <translation>un nom d&apos;étiquette</translation>
    </message>
    <message>
        <source>a segment name</source>
        <translation>un nom de segment</translation>
    </message>
    <message>
        <source>the end cannot be before the start</source>
        <translation>la fin ne peut pas précéder le début</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>le chiffre d’affaires</translation>
    </message>
    <message>
        <source>{name} must be a whole number of days from {retention_days_min} to {retention_days_max}</source>
        <translation>{name} doit être un nombre entier de jours entre {retention_days_min} et {retention_days_max}</translation>
    </message>
    <message>
        <source>{field}: {message}</source>
        <translation>{field} : {message}</translation>
    </message>
    <message>
        <source>{entity} is not valid – {detail}</source>
        <translation>{entity} n&apos;est pas valide – {detail}</translation>
    </message>
    <message>
        <source>an email address is required</source>
        <translation>une adresse e-mail est obligatoire</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid email address</source>
        <translation>« {value} » n&apos;est pas une adresse e-mail valide</translation>
    </message>
    <message>
        <source>the last four digits must be exactly 4 digits (0–9)</source>
        <translation>les quatre derniers chiffres doivent être exactement 4 chiffres (0–9)</translation>
    </message>
    <message>
        <source>the expiry month must be between 1 and 12</source>
        <translation>le mois d&apos;expiration doit être entre 1 et 12</translation>
    </message>
    <message>
        <source>the expiry year must be {year} or later</source>
        <translation>l&apos;année d&apos;expiration doit être {year} ou plus tard</translation>
    </message>
    <message>
        <source>{what} must be a positive amount</source>
        <translation>{what} : le montant doit être positif</translation>
    </message>
    <message>
        <source>{what} cannot be negative</source>
        <translation>{what} : la valeur ne peut pas être négative</translation>
    </message>
    <message>
        <source>a probability must be between 0 and 1</source>
        <translation>une probabilité est comprise entre 0 et 1</translation>
    </message>
    <message>
        <source>{what} must be between 0 and 100</source>
        <translation>{what} : la valeur doit être entre 0 et 100</translation>
    </message>
    <message>
        <source>the colour must be written #RRGGBB</source>
        <translation>la couleur s’écrit #RRVVBB</translation>
    </message>
    <message>
        <source>{what} is required</source>
        <translation>{what} est obligatoire</translation>
    </message>
    <message>
        <source>wrong username or password; {lock_message}</source>
        <translation>nom d&apos;utilisateur ou mot de passe incorrect ; {lock_message}</translation>
    </message>
    <message>
        <source>wrong username or password</source>
        <translation>nom d&apos;utilisateur ou mot de passe incorrect</translation>
    </message>
    <message>
        <source>this account is disabled; ask an administrator</source>
        <translation>ce compte est désactivé ; adressez-vous à un administrateur</translation>
    </message>
    <message>
        <source>a resolution note</source>
        <translation>une note de résolution</translation>
    </message>
    <message>
        <source>a note</source>
        <translation>une note</translation>
    </message>
    <message>
        <source>use at least {n} characters (this is {length})</source>
        <translation>utilisez au moins {n} caractères (ici {length})</translation>
    </message>
    <message>
        <source>use at most {n} characters</source>
        <translation>utilisez au plus {n} caractères</translation>
    </message>
    <message>
        <source>it may not be the username</source>
        <translation>il ne doit pas être le nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>it is a common password</source>
        <translation>c&apos;est un mot de passe trop courant</translation>
    </message>
    <message>
        <source>it is one character repeated</source>
        <translation>c&apos;est un seul caractère répété</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Insufficient funds</source>
        <translation>Provision insuffisante</translation>
    </message>
    <message>
        <source>Do not honor</source>
        <translation>Refusée par la banque</translation>
    </message>
    <message>
        <source>Processing error</source>
        <translation>Erreur de traitement</translation>
    </message>
    <message>
        <source>Card declined</source>
        <translation>Carte refusée</translation>
    </message>
    <message>
        <source>Expired card</source>
        <translation>Carte expirée</translation>
    </message>
    <message>
        <source>Order placed</source>
        <translation>Commande passée</translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>Commande annulée</translation>
    </message>
    <message>
        <source>Refund requested</source>
        <translation>Remboursement demandé</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Email open</source>
        <translation>E-mail ouvert</translation>
    </message>
    <message>
        <source>Email click</source>
        <translation>Clic dans un e-mail</translation>
    </message>
    <message>
        <source>Product view</source>
        <translation>Produit consulté</translation>
    </message>
    <message>
        <source>Ticket opened</source>
        <translation>Ticket ouvert</translation>
    </message>
    <message>
        <source>Card updated</source>
        <translation>Carte mise à jour</translation>
    </message>
    <message>
        <source>Profile updated</source>
        <translation>Profil mis à jour</translation>
    </message>
</context>
<context>
    <name>Writes</name>
    <message>
        <source>the change</source>
        <translation>la modification</translation>
    </message>
    <message>
        <source>the database connection was lost; {what} was not saved — retry</source>
        <translation>la connexion à la base de données a été perdue ; rien n&apos;a été enregistré ({what}) — réessayez</translation>
    </message>
    <message>
        <source>the database stayed busy (other users&apos; changes); {what} was not saved — retry</source>
        <translation>la base de données est restée occupée (modifications d&apos;autres utilisateurs) ; rien n&apos;a été enregistré ({what}) — réessayez</translation>
    </message>
    <message>
        <source>the sign-in</source>
        <translation>la connexion</translation>
    </message>
    <message>
        <source>the scoring run</source>
        <translation>le calcul des scores</translation>
    </message>
    <message>
        <source>the resumed run</source>
        <translation>la reprise du calcul</translation>
    </message>
    <message>
        <source>the run&apos;s status</source>
        <translation>l&apos;état du calcul</translation>
    </message>
    <message>
        <source>the run&apos;s completion</source>
        <translation>la fin du calcul</translation>
    </message>
    <message>
        <source>the claim</source>
        <translation>la prise en charge du lot</translation>
    </message>
    <message>
        <source>the chunk&apos;s release</source>
        <translation>la libération du lot</translation>
    </message>
    <message>
        <source>the trained models</source>
        <translation>les modèles entraînés</translation>
    </message>
    <message>
        <source>the activation</source>
        <translation>l&apos;activation</translation>
    </message>
    <message>
        <source>the retirement</source>
        <translation>le retrait</translation>
    </message>
    <message>
        <source>the import</source>
        <translation>l&apos;import</translation>
    </message>
    <message>
        <source>a batch of the import</source>
        <translation>un lot de l&apos;import</translation>
    </message>
    <message>
        <source>the import&apos;s record</source>
        <translation>le compte rendu de l&apos;import</translation>
    </message>
    <message>
        <source>the sync</source>
        <translation>la synchronisation</translation>
    </message>
    <message>
        <source>the customer&apos;s details</source>
        <translation>les coordonnées du client</translation>
    </message>
    <message>
        <source>the account status</source>
        <translation>l&apos;état du compte</translation>
    </message>
    <message>
        <source>the new password</source>
        <translation>le nouveau mot de passe</translation>
    </message>
    <message>
        <source>the resolution</source>
        <translation>la résolution</translation>
    </message>
    <message>
        <source>the rest</source>
        <translation>le reste</translation>
    </message>
    <message>
        <source>the export&apos;s audit entry</source>
        <translation>l&apos;entrée d&apos;audit de l&apos;export</translation>
    </message>
    <message>
        <source>the mapping</source>
        <translation>la correspondance</translation>
    </message>
    <message>
        <source>the intervention</source>
        <translation>l&apos;intervention</translation>
    </message>
    <message>
        <source>the outcome</source>
        <translation>le résultat</translation>
    </message>
    <message>
        <source>the note</source>
        <translation>la note</translation>
    </message>
    <message>
        <source>the note&apos;s deletion</source>
        <translation>la suppression de la note</translation>
    </message>
    <message>
        <source>the tag</source>
        <translation>l&apos;étiquette</translation>
    </message>
    <message>
        <source>the tag&apos;s deletion</source>
        <translation>la suppression de l&apos;étiquette</translation>
    </message>
    <message>
        <source>the tag&apos;s removal</source>
        <translation>le retrait de l&apos;étiquette</translation>
    </message>
    <message>
        <source>the retention policy</source>
        <translation>la règle de conservation</translation>
    </message>
    <message>
        <source>the start of the retention run</source>
        <translation>le début de la purge</translation>
    </message>
    <message>
        <source>a batch of the retention run</source>
        <translation>un lot de la purge</translation>
    </message>
    <message>
        <source>the end of the retention run</source>
        <translation>la fin de la purge</translation>
    </message>
    <message>
        <source>the ticket</source>
        <translation>le ticket</translation>
    </message>
    <message>
        <source>the assignment</source>
        <translation>l&apos;attribution</translation>
    </message>
    <message>
        <source>the status change</source>
        <translation>le changement d&apos;état</translation>
    </message>
    <message>
        <source>the message</source>
        <translation>le message</translation>
    </message>
    <message>
        <source>the undo</source>
        <translation>l&apos;annulation</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>le compte</translation>
    </message>
    <message>
        <source>the role</source>
        <translation>le rôle</translation>
    </message>
    <message>
        <source>the password</source>
        <translation>le mot de passe</translation>
    </message>
    <message>
        <source>the metric</source>
        <translation>la mesure</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>utilisation : </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>arguments positionnels</translation>
    </message>
    <message>
        <source>options</source>
        <translation>options</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>afficher ce message d&apos;aide et quitter</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s : erreur : %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argument %(argument_name)s : %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>les arguments suivants sont obligatoires : %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>l&apos;un des arguments %s est obligatoire</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>arguments non reconnus : %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>interdit avec l&apos;argument %s</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>argument explicite ignoré : %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>un argument attendu</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>au plus un argument attendu</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>au moins un argument attendu</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>%s argument attendu</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>%s arguments attendus</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>option ambiguë : %(option)s peut correspondre à %(matches)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>option inattendue : %s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>valeur %(type)s non valide : %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>choix non valide : %(value)r (valeurs possibles : %(choices)s)</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>sous-commande inconnue %(parser_name)r (valeurs possibles : %(choices)s)</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>impossible d&apos;ouvrir « %(filename)s » : %(error)s</translation>
    </message>
    <message>
        <source>int</source>
        <translation>entière</translation>
    </message>
    <message>
        <source>float</source>
        <translation>décimale</translation>
    </message>
    <message>
        <source>{heading}:</source>
        <translation>{heading} :</translation>
    </message>
</context>
</TS>
