<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>Commands</name>
        <message>
            <source>'{text}' is not a whole number</source>
            <translation>« {text} » n'est pas un nombre entier</translation>
        </message>
        <message>
            <source>must be at least 1</source>
            <translation>doit valoir au moins 1</translation>
        </message>
        <message>
            <source>must be at most {maximum:,}</source>
            <translation>doit valoir au plus {maximum}</translation>
        </message>
        <message>
            <source>at most {max_demo_customers:,} customers</source>
            <translation>au plus {max_demo_customers} clients</translation>
        </message>
        <message>
            <source>'{text}' is not SOURCE=FIELD</source>
            <translation>« {text} » n'est pas de la forme SOURCE=CHAMP</translation>
        </message>
        <message>
            <source>'{text}' is not a date (use YYYY-MM-DD)</source>
            <translation>« {text} » n'est pas une date (écrivez AAAA-MM-JJ)</translation>
        </message>
        <message>
            <source>must be a date from {min_year} to {max_year}</source>
            <translation>doit être une date entre {min_year} et {max_year}</translation>
        </message>
        <message>
            <source>'{text}' is not a number</source>
            <translation>« {text} » n'est pas un nombre</translation>
        </message>
        <message>
            <source>must be between 0 and 1 (or 0% and 100%)</source>
            <translation>doit être entre 0 et 1 (ou entre 0 % et 100 %)</translation>
        </message>
        <message>
            <source>the database has no users yet; add the first admin: churnwatch user add NAME --role admin --password-stdin</source>
            <translation>la base n'a encore aucun utilisateur ; créez le premier administrateur : churnwatch user add NOM --role admin --password-stdin</translation>
        </message>
        <message>
            <source>{refusal}: add --as USERNAME (an admin)</source>
            <translation>{refusal} : ajoutez --as UTILISATEUR (un administrateur)</translation>
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
    </context>
    <context>
        <name>Imports</name>
        <message>
            <source>'{email}' is already taken</source>
            <translation>« {email} » est déjà utilisée</translation>
        </message>
        <message>
            <source>'{value}' is too long or too large: {problem}</source>
            <translation>« {value} » est trop long ou trop grand : {problem}</translation>
        </message>
        <message>
            <source>'{text}' is not a probability</source>
            <translation>« {text} » n'est pas une probabilité</translation>
        </message>
        <message>
            <source>'{cell}' is not one of {join}</source>
            <translation>« {cell} » ne fait pas partie de : {join}</translation>
        </message>
        <message>
            <source>'{cell}' cannot be read</source>
            <translation>« {cell} » est illisible</translation>
        </message>
        <message>
            <source>a value is required</source>
            <translation>une valeur est obligatoire</translation>
        </message>
        <message>
            <source>no customer '{ref}' is known (import the customers first, or let the import create them)</source>
            <translation>aucun client « {ref} » n'est connu (importez d'abord les clients, ou laissez l'import les créer)</translation>
        </message>
        <message>
            <source>'{text}' is not a date format</source>
            <translation>« {text} » n'est pas un format de date</translation>
        </message>
        <message>
            <source>'{text}' is not a date format: use one of {join} or a pattern such as %d.%m.%Y</source>
            <translation>« {text} » n'est pas un format de date : utilisez l'un de {join} ou un modèle comme %d.%m.%Y</translation>
        </message>
        <message>
            <source>'{text}' is not a date</source>
            <translation>« {text} » n'est pas une date</translation>
        </message>
        <message>
            <source>'{value}' is not a number</source>
            <translation>« {value} » n'est pas un nombre</translation>
        </message>
        <message>
            <source>'{text}' is not a number</source>
            <translation>« {text} » n'est pas un nombre</translation>
        </message>
        <message>
            <source>'{value}' is not a whole number</source>
            <translation>« {value} » n'est pas un nombre entier</translation>
        </message>
        <message>
            <source>'{value}' is not yes or no</source>
            <translation>« {value} » n'est ni oui ni non</translation>
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
            <source>ID</source>
            <translation>ID</translation>
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
            <source>must be one of {join}</source>
            <translation>doit être l'une des valeurs : {join}</translation>
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
            <source>is not a policy field</source>
            <translation>n'est pas un réglage de la politique d'alertes</translation>
        </message>
        <message>
            <source>no active model to backtest with; train and activate one first</source>
            <translation>aucun modèle actif pour le test rétrospectif ; entraînez-en un et activez-le d'abord</translation>
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
            <source>there is no model named '{text}'</source>
            <translation>aucun modèle ne s'appelle « {text} »</translation>
        </message>
        <message>
            <source>the horizon must be at least 7 days</source>
            <translation>l'horizon doit être d'au moins 7 jours</translation>
        </message>
        <message>
            <source>the churn definition must be 'status' or 'inactivity'</source>
            <translation>la définition du départ doit être « status » ou « inactivity »</translation>
        </message>
        <message>
            <source>inactivity must be between 7 and 3650 days</source>
            <translation>l'inactivité doit être comprise entre 7 et 3650 jours</translation>
        </message>
        <message>
            <source>between 0 and {max_snapshots} training snapshots</source>
            <translation>entre 0 et {max_snapshots} instantanés d'entraînement</translation>
        </message>
        <message>
            <source>the snapshot step must be at least one day</source>
            <translation>l'écart entre instantanés doit être d'au moins un jour</translation>
        </message>
        <message>
            <source>the chunk size must be at least 1</source>
            <translation>la taille des lots doit valoir au moins 1</translation>
        </message>
        <message>
            <source>choose from {join}</source>
            <translation>choisissez parmi : {join}</translation>
        </message>
    </context>
    <context>
        <name>Offline</name>
        <message>
            <source>{name__} #{ident} is not in the offline copy</source>
            <translation>{name__} n° {ident} n'est pas dans la copie hors ligne</translation>
        </message>
        <message>
            <source>the staff account that made it no longer exists</source>
            <translation>le compte qui l'a faite n'existe plus</translation>
        </message>
        <message>
            <source>'{part}' is not key=value</source>
            <translation>« {part} » n'est pas de la forme clé=valeur</translation>
        </message>
        <message>
            <source>assignee is default, mine or any</source>
            <translation>assignee vaut default, mine ou any</translation>
        </message>
        <message>
            <source>priority is one of {join}</source>
            <translation>priority est l'une des valeurs : {join}</translation>
        </message>
        <message>
            <source>status is one of {join}</source>
            <translation>status est l'une des valeurs : {join}</translation>
        </message>
        <message>
            <source>unknown key '{key}' (assignee, priority, status)</source>
            <translation>clé inconnue « {key} » (assignee, priority, status)</translation>
        </message>
        <message>
            <source>take at least 1 alert</source>
            <translation>prenez au moins 1 alerte</translation>
        </message>
    </context>
    <context>
        <name>Read</name>
        <message>
            <source>{name} have no column '{name2}' (choose from {choices})</source>
            <translation>{name} n'ont pas de colonne « {name2} » (choisissez parmi {choices})</translation>
        </message>
        <message>
            <source>choose at least one column</source>
            <translation>choisissez au moins une colonne</translation>
        </message>
        <message>
            <source>'{fmt}' is not an export format (csv or xlsx)</source>
            <translation>« {fmt} » n'est pas un format d'export (csv ou xlsx)</translation>
        </message>
        <message>
            <source>the folder {folder} does not exist</source>
            <translation>le dossier {folder} n'existe pas</translation>
        </message>
        <message>
            <source>an XLSX sheet holds {xlsx_max_rows:,} rows and {total:,} {noun} match: export them as CSV</source>
            <translation>une feuille XLSX contient au plus {xlsx_max_rows} lignes et {total} {noun} correspondent : exportez en CSV</translation>
        </message>
    </context>
    <context>
        <name>Services</name>
        <message>
            <source>another customer has this email address</source>
            <translation>un autre client a déjà cette adresse e-mail</translation>
        </message>
        <message>
            <source>unknown account status '{status}'</source>
            <translation>statut de compte inconnu « {status} »</translation>
        </message>
        <message>
            <source>cannot move a customer from {words} to {words2}{hint}</source>
            <translation>impossible de faire passer un client de {words} à {words2}{hint}</translation>
        </message>
        <message>
            <source>that is not your current password</source>
            <translation>ce n'est pas votre mot de passe actuel</translation>
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
            <translation>{refusal} (prenez d'abord l'alerte : assignez-la-vous)</translation>
        </message>
        <message>
            <source>{label} was changed{detail} after you opened it; nothing was saved. Reload it and try again.</source>
            <translation>{label} a été modifié{detail} après son ouverture ; rien n'a été enregistré. Rechargez et réessayez.</translation>
        </message>
        <message>
            <source>someone</source>
            <translation>quelqu'un</translation>
        </message>
        <message>
            <source> by {who} at {when}{what}</source>
            <translation> par {who} le {when}{what}</translation>
        </message>
        <message>
            <source>{changed:,} {noun} {verb}</source>
            <translation>{changed} {noun} : {verb}</translation>
        </message>
        <message>
            <source>{text}; {skipped:,} skipped (already changed)</source>
            <translation>{text} ; {skipped} ignorée(s) (déjà modifiée(s))</translation>
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
            <source>{changed:,} of {total:,} {verb}; the rest were not changed ({reason})</source>
            <translation>{changed} sur {total} : {verb} ; le reste n'a pas été modifié ({reason})</translation>
        </message>
        <message>
            <source>{what} #{obj_id} no longer exists (deleted by someone else?)</source>
            <translation>{what} n° {obj_id} n'existe plus (supprimé par quelqu'un d'autre ?)</translation>
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
            <source>a tag named '{name}' already exists</source>
            <translation>une étiquette « {name} » existe déjà</translation>
        </message>
        <message>
            <source>{names} and {last}</source>
            <translation>{names} et {last}</translation>
        </message>
        <message>
            <source>only {who} may {what}</source>
            <translation>seuls les {who} peuvent : {what}</translation>
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
            <translation>n'est pas une règle de conservation</translation>
        </message>
        <message>
            <source>{table} is not purged by the retention policy</source>
            <translation>{table} n'est pas purgée par la politique de conservation</translation>
        </message>
        <message>
            <source>retention run #{run_id} no longer exists</source>
            <translation>la purge n° {run_id} n'existe plus</translation>
        </message>
        <message>
            <source>the channel must be one of {join}</source>
            <translation>le canal doit être l'un de : {join}</translation>
        </message>
        <message>
            <source>this customer was deleted</source>
            <translation>ce client a été supprimé</translation>
        </message>
        <message>
            <source>unknown ticket status '{status}'</source>
            <translation>statut de ticket inconnu « {status} »</translation>
        </message>
        <message>
            <source>cannot move a ticket from {words} to {words2} (from {words} it can go to {join})</source>
            <translation>impossible de faire passer un ticket de {words} à {words2} (depuis {words}, il peut passer à : {join})</translation>
        </message>
        <message>
            <source>the subject is limited to 200 characters</source>
            <translation>l'objet est limité à 200 caractères</translation>
        </message>
        <message>
            <source>the category must be one of {join}</source>
            <translation>la catégorie doit être l'une de : {join}</translation>
        </message>
        <message>
            <source>the priority must be one of {join}</source>
            <translation>la priorité doit être l'une de : {join}</translation>
        </message>
        <message>
            <source>'{action}' cannot be undone</source>
            <translation>« {action} » ne peut pas être annulé</translation>
        </message>
        <message>
            <source>a username is 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit</source>
            <translation>un nom d'utilisateur compte 1 à 64 lettres, chiffres, points, tirets ou soulignés, et commence par une lettre ou un chiffre</translation>
        </message>
        <message>
            <source>the username '{username}' is taken</source>
            <translation>le nom d'utilisateur « {username} » est déjà pris</translation>
        </message>
        <message>
            <source>the role must be one of {join}</source>
            <translation>le rôle doit être l'un de : {join}</translation>
        </message>
        <message>
            <source>the address '{email}' belongs to another account</source>
            <translation>l'adresse « {email} » appartient à un autre compte</translation>
        </message>
        <message>
            <source>this database already has users; an admin adds new ones (--as USERNAME)</source>
            <translation>cette base a déjà des utilisateurs ; c'est un administrateur qui en ajoute (--as UTILISATEUR)</translation>
        </message>
        <message>
            <source>this is the last active admin; make someone else an admin first</source>
            <translation>c'est le dernier administrateur actif ; nommez d'abord quelqu'un d'autre administrateur</translation>
        </message>
        <message>
            <source>there is no user #{user_id}</source>
            <translation>il n'y a pas d'utilisateur n° {user_id}</translation>
        </message>
        <message>
            <source>there is no user named '{text}'</source>
            <translation>aucun utilisateur ne s'appelle « {text} »</translation>
        </message>
    </context>
    <context>
        <name>Validation</name>
        <message>
            <source>at most {search_max_chars} characters (nothing longer can match)</source>
            <translation>au plus {search_max_chars} caractères (rien de plus long ne peut correspondre)</translation>
        </message>
        <message>
            <source>a username</source>
            <translation>un nom d'utilisateur</translation>
        </message>
        <message>
            <source>a display name</source>
            <translation>un nom d'affichage</translation>
        </message>
        <message>
            <source>the role must be one of {join}</source>
            <translation>le rôle doit être l'un de : {join}</translation>
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
            <translation>le statut du compte doit être l'un de : {join}</translation>
        </message>
        <message>
            <source>the risk level must be one of {join}</source>
            <translation>le niveau de risque doit être l'un de : {join}</translation>
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
            <translation>un nom d'offre</translation>
        </message>
        <message>
            <source>the price</source>
            <translation>le prix</translation>
        </message>
        <message>
            <source>the card brand must be one of {join}</source>
            <translation>le réseau de la carte doit être l'un de : {join}</translation>
        </message>
        <message>
            <source>the failure count</source>
            <translation>le nombre d'échecs</translation>
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
            <source>a customer's message cannot be an internal note</source>
            <translation>un message du client ne peut pas être une note interne</translation>
        </message>
        <message>
            <source>a title</source>
            <translation>un titre</translation>
        </message>
        <message>
            <source>the priority must be one of {join}</source>
            <translation>la priorité doit être l'une de : {join}</translation>
        </message>
        <message>
            <source>the note</source>
            <translation>la note</translation>
        </message>
        <message>
            <source>a tag name</source>
            <translation>un nom d'étiquette</translation>
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
            <source>{name} must be a whole number of days from {retention_days_min} to {retention_days_max:,}</source>
            <translation>{name} doit être un nombre entier de jours entre {retention_days_min} et {retention_days_max}</translation>
        </message>
        <message>
            <source>{field}: {message}</source>
            <translation>{field} : {message}</translation>
        </message>
        <message>
            <source>{entity} is not valid – {detail}</source>
            <translation>{entity} n'est pas valide – {detail}</translation>
        </message>
        <message>
            <source>an email address is required</source>
            <translation>une adresse e-mail est obligatoire</translation>
        </message>
        <message>
            <source>'{value}' is not a valid email address</source>
            <translation>« {value} » n'est pas une adresse e-mail valide</translation>
        </message>
        <message>
            <source>the last four digits must be exactly 4 digits (0–9)</source>
            <translation>les quatre derniers chiffres doivent être exactement 4 chiffres (0–9)</translation>
        </message>
        <message>
            <source>the expiry month must be between 1 and 12</source>
            <translation>le mois d'expiration doit être entre 1 et 12</translation>
        </message>
        <message>
            <source>the expiry year must be {year} or later</source>
            <translation>l'année d'expiration doit être {year} ou plus tard</translation>
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
            <translation>nom d'utilisateur ou mot de passe incorrect ; {lock_message}</translation>
        </message>
        <message>
            <source>wrong username or password</source>
            <translation>nom d'utilisateur ou mot de passe incorrect</translation>
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
    </context>
</TS>
