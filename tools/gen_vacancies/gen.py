#!/usr/bin/env python3
"""Deterministic generator of demonstration job offers ("offerte di lavoro")
for Emilia-Romagna, in the app's vacancies feed format (schema_version 1,
see docs/feeds-vacancies.md).

    python3 tools/gen_vacancies/gen.py --count 3000 --out public/data/vacancies.json
    python3 tools/gen_vacancies/gen.py --count 100000 --out /tmp/vacancies-100k.json
    python3 tools/gen_vacancies/gen.py --count 1000000 --out /tmp/vacancies-1m.json

Everything is synthetic: employers are invented and marked "(nome fittizio)",
the feed has "demo": true. What is real:
- comuni (name, ISTAT and Belfiore codes, province, centroid) are read from
  public/data/comuni.json when present (Emilia-Romagna only), otherwise an
  embedded list of 64 Emilia-Romagna comuni is used;
- profession codes and labels are ISTAT CP 2021 unit groups (5 levels);
- sector codes are ATECO 2007 divisions (2 digits) with their labels.

The output is streamed (one item per line), so a million offers need little
memory. Python standard library only. Same --seed, same file.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

TODAY = dt.date(2026, 11, 23)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
COMUNI_JSON = os.path.join(REPO, "public", "data", "comuni.json")

# (istat, belfiore, name, province, lat, lon): fallback when comuni.json is missing.
FALLBACK_COMUNI = [
    ('037006', 'A944', 'Bologna', 'BO', 44.4973, 11.3329),
    ('036023', 'F257', 'Modena', 'MO', 44.6437, 10.915),
    ('035033', 'H223', "Reggio nell'Emilia", 'RE', 44.6973, 10.6343),
    ('034027', 'G337', 'Parma', 'PR', 44.7935, 10.3279),
    ('033032', 'G535', 'Piacenza', 'PC', 45.0412, 9.718),
    ('038008', 'D548', 'Ferrara', 'FE', 44.823, 11.6491),
    ('039014', 'H199', 'Ravenna', 'RA', 44.4127, 12.1931),
    ('040012', 'D704', 'Forlì', 'FC', 44.2273, 12.0503),
    ('040007', 'C573', 'Cesena', 'FC', 44.1305, 12.2349),
    ('099014', 'H294', 'Rimini', 'RN', 44.0388, 12.5309),
    ('037032', 'E289', 'Imola', 'BO', 44.388, 11.7158),
    ('036005', 'B819', 'Carpi', 'MO', 44.8015, 10.8925),
    ('039010', 'D458', 'Faenza', 'RA', 44.297, 11.9103),
    ('036040', 'I462', 'Sassuolo', 'MO', 44.5332, 10.7784),
    ('037011', 'B880', 'Casalecchio di Reno', 'BO', 44.471, 11.2648),
    ('037054', 'H945', 'San Lazzaro di Savena', 'BO', 44.4508, 11.4264),
    ('039012', 'E730', 'Lugo', 'RA', 44.4773, 11.9065),
    ('038004', 'C469', 'Cento', 'FE', 44.7761, 11.308),
    ('099013', 'H274', 'Riccione', 'RN', 43.9966, 12.6458),
    ('036015', 'D711', 'Formigine', 'MO', 44.5796, 10.8459),
    ('034014', 'B034', 'Fidenza', 'PR', 44.8623, 10.0557),
    ('035040', 'I496', 'Scandiano', 'RE', 44.5985, 10.6896),
    ('035020', 'D037', 'Correggio', 'RE', 44.7631, 10.7657),
    ('036046', 'L885', 'Vignola', 'MO', 44.487, 10.9967),
    ('036006', 'C107', 'Castelfranco Emilia', 'MO', 44.5981, 11.0725),
    ('036022', 'F240', 'Mirandola', 'MO', 44.9072, 11.1246),
    ('039007', 'C553', 'Cervia', 'RA', 44.2512, 12.3151),
    ('037061', 'M320', 'Valsamoggia', 'BO', 44.4442, 11.0912),
    ('035012', 'B893', 'Casalgrande', 'RE', 44.5889, 10.7526),
    ('038006', 'C912', 'Comacchio', 'FE', 44.6834, 12.162),
    ('038001', 'A393', 'Argenta', 'FE', 44.6222, 11.8888),
    ('034032', 'H720', 'Salsomaggiore Terme', 'PR', 44.8041, 9.9813),
    ('037020', 'C265', 'Castel San Pietro Terme', 'BO', 44.3964, 11.5478),
    ('037037', 'F083', 'Medicina', 'BO', 44.5143, 11.6691),
    ('037053', 'G467', 'San Giovanni in Persiceto', 'BO', 44.6604, 11.2033),
    ('037008', 'B249', 'Budrio', 'BO', 44.5627, 11.5463),
    ('037060', 'M185', 'Zola Predosa', 'BO', 44.4949, 11.2101),
    ('037047', 'G570', 'Pianoro', 'BO', 44.3758, 11.357),
    ('036019', 'E904', 'Maranello', 'MO', 44.5082, 10.8699),
    ('036013', 'D607', 'Fiorano Modenese', 'MO', 44.5309, 10.8266),
    ('035016', 'C219', "Castelnovo ne' Monti", 'RE', 44.4387, 10.4171),
    ('035024', 'E253', 'Guastalla', 'RE', 44.9052, 10.6815),
    ('035028', 'F960', 'Novellara', 'RE', 44.8451, 10.709),
    ('034009', 'C852', 'Collecchio', 'PR', 44.7512, 10.2079),
    ('034018', 'E438', 'Langhirano', 'PR', 44.6149, 10.2334),
    ('033021', 'D611', "Fiorenzuola d'Arda", 'PC', 44.9341, 9.9102),
    ('033013', 'C261', 'Castel San Giovanni', 'PC', 45.0583, 9.4278),
    ('039002', 'A547', 'Bagnacavallo', 'RA', 44.4392, 12.0056),
    ('039016', 'H642', 'Russi', 'RA', 44.3729, 12.048),
    ('099002', 'C357', 'Cattolica', 'RN', 43.9591, 12.7354),
    ('099018', 'I304', 'Santarcangelo di Romagna', 'RN', 44.0524, 12.4354),
    ('099001', 'A747', 'Bellaria-Igea Marina', 'RN', 44.1316, 12.4635),
    ('040045', 'I472', 'Savignano sul Rubicone', 'FC', 44.1014, 12.3991),
    ('040013', 'D705', 'Forlimpopoli', 'FC', 44.1895, 12.1281),
    ('040008', 'C574', 'Cesenatico', 'FC', 44.1756, 12.3799),
    ('038003', 'A965', 'Bondeno', 'FE', 44.9032, 11.3738),
    ('038007', 'C980', 'Copparo', 'FE', 44.9024, 11.8607),
    ('036030', 'G393', 'Pavullo nel Frignano', 'MO', 44.3374, 10.8442),
    ('037057', 'G972', 'Sasso Marconi', 'BO', 44.4061, 11.2423),
    ('037030', 'E136', "Granarolo dell'Emilia", 'BO', 44.5611, 11.4324),
    ('037021', 'C292', 'Castenaso', 'BO', 44.5112, 11.4654),
    ('037039', 'F288', 'Molinella', 'BO', 44.6082, 11.6858),
    ('036012', 'D599', 'Finale Emilia', 'MO', 44.8493, 11.2667),
    ('035036', 'H628', 'Rubiera', 'RE', 44.6699, 10.7875),]

# Relative weight of the larger comuni (others weigh 1).
TOWN_WEIGHT = {
    "Bologna": 160, "Modena": 80, "Reggio nell'Emilia": 75, "Parma": 85, "Piacenza": 45,
    "Ferrara": 50, "Ravenna": 55, "Forlì": 45, "Cesena": 40, "Rimini": 60, "Imola": 28,
    "Carpi": 25, "Faenza": 20, "Sassuolo": 18, "Casalecchio di Reno": 15, "San Lazzaro di Savena": 14,
    "Lugo": 12, "Cento": 12, "Riccione": 14, "Formigine": 10, "Fidenza": 10, "Scandiano": 9,
    "Correggio": 9, "Vignola": 9, "Castelfranco Emilia": 9, "Mirandola": 9, "Cervia": 10,
    "Valsamoggia": 10, "Casalgrande": 7, "Comacchio": 7, "Argenta": 6, "Salsomaggiore Terme": 6,
    "Castel San Pietro Terme": 7, "Medicina": 6, "San Giovanni in Persiceto": 8, "Budrio": 6,
    "Zola Predosa": 7, "Maranello": 8, "Fiorano Modenese": 7, "Guastalla": 5, "Collecchio": 5,
    "Cattolica": 6, "Santarcangelo di Romagna": 6, "Cesenatico": 7, "Sasso Marconi": 5,
}

# ATECO 2007 divisions used: code -> label.
DIVISIONS = {
    "01": "Coltivazioni agricole e produzione di prodotti animali, caccia e servizi connessi",
    "10": "Industrie alimentari",
    "11": "Industria delle bevande",
    "13": "Industrie tessili",
    "14": "Confezione di articoli di abbigliamento; confezione di articoli in pelle e pelliccia",
    "16": "Industria del legno e dei prodotti in legno e sughero (esclusi i mobili)",
    "22": "Fabbricazione di articoli in gomma e materie plastiche",
    "23": "Fabbricazione di altri prodotti della lavorazione di minerali non metalliferi",
    "25": "Fabbricazione di prodotti in metallo (esclusi macchinari e attrezzature)",
    "26": "Fabbricazione di computer e prodotti di elettronica e ottica",
    "27": "Fabbricazione di apparecchiature elettriche ed apparecchiature per uso domestico non elettriche",
    "28": "Fabbricazione di macchinari ed apparecchiature nca",
    "29": "Fabbricazione di autoveicoli, rimorchi e semirimorchi",
    "31": "Fabbricazione di mobili",
    "33": "Riparazione, manutenzione ed installazione di macchine ed apparecchiature",
    "38": "Attività di raccolta, trattamento e smaltimento dei rifiuti; recupero dei materiali",
    "41": "Costruzione di edifici",
    "43": "Lavori di costruzione specializzati",
    "45": "Commercio all'ingrosso e al dettaglio e riparazione di autoveicoli e motocicli",
    "46": "Commercio all'ingrosso (escluso quello di autoveicoli e di motocicli)",
    "47": "Commercio al dettaglio (escluso quello di autoveicoli e di motocicli)",
    "49": "Trasporto terrestre e trasporto mediante condotte",
    "52": "Magazzinaggio e attività di supporto ai trasporti",
    "53": "Servizi postali e attività di corriere",
    "55": "Alloggio",
    "56": "Attività dei servizi di ristorazione",
    "62": "Produzione di software, consulenza informatica e attività connesse",
    "69": "Attività legali e contabilità",
    "70": "Attività di direzione aziendale e di consulenza gestionale",
    "71": "Attività degli studi di architettura e d'ingegneria; collaudi ed analisi tecniche",
    "73": "Pubblicità e ricerche di mercato",
    "78": "Attività di ricerca, selezione, fornitura di personale",
    "80": "Servizi di vigilanza e investigazione",
    "81": "Attività di servizi per edifici e paesaggio",
    "82": "Attività di supporto per le funzioni d'ufficio e altri servizi di supporto alle imprese",
    "84": "Amministrazione pubblica e difesa; assicurazione sociale obbligatoria",
    "85": "Istruzione",
    "86": "Assistenza sanitaria",
    "87": "Servizi di assistenza sociale residenziale",
    "88": "Assistenza sociale non residenziale",
    "93": "Attività sportive, di intrattenimento e di divertimento",
    "96": "Altre attività di servizi per la persona",
    "97": "Attività di famiglie e convivenze come datori di lavoro per personale domestico",
}

# CP 2021 unit groups (5 levels; most are unchanged from CP 2011), checked against
# an ISTAT CP 2021 listing; a few long labels are completed from memory and the
# pulizie one is the 4th-level label (see docs/feeds-vacancies.md):
# (code, label, weight, titles, tasks, divisions, pay range k€ gross/year)
P = [
    ("2.2.1.1.1", "Ingegneri meccanici", 2, ["Ingegnere meccanico", "Ingegnere progettista meccanico"],
     "progettazione di componenti meccanici con CAD 3D, calcoli strutturali e supporto alla produzione", ["28", "29", "71"], (32, 45)),
    ("2.2.1.6.1", "Ingegneri edili e ambientali", 1, ["Ingegnere edile", "Ingegnere ambientale"],
     "progettazione e direzione lavori, computi metrici e pratiche autorizzative", ["41", "71"], (30, 42)),
    ("2.2.1.7.0", "Ingegneri industriali e gestionali", 2, ["Ingegnere gestionale", "Ingegnere di processo"],
     "analisi dei processi produttivi, pianificazione e miglioramento continuo (lean)", ["28", "10", "70"], (32, 45)),
    ("2.3.1.5.0", "Farmacisti", 2, ["Farmacista", "Farmacista collaboratore"],
     "dispensazione dei farmaci, consulenza al banco e gestione degli ordini", ["47"], (28, 36)),
    ("2.5.1.3.1", "Specialisti in risorse umane", 2, ["HR specialist", "Specialista risorse umane"],
     "selezione del personale, formazione e gestione delle relazioni con i dipendenti", ["78", "70"], (28, 38)),
    ("2.5.1.4.1", "Specialisti in contabilità", 2, ["Specialista contabile", "Contabile senior"],
     "bilancio d'esercizio, adempimenti fiscali e controllo di gestione", ["69", "70"], (30, 42)),
    ("2.6.4.1.0", "Docenti di scuola primaria", 1, ["Insegnante di scuola primaria", "Maestra/o di scuola primaria"],
     "attività didattica nelle classi della scuola primaria paritaria", ["85"], (24, 30)),
    ("2.6.4.2.0", "Docenti di scuola pre-primaria", 1, ["Educatrice/educatore scuola dell'infanzia", "Insegnante scuola dell'infanzia"],
     "attività educative e di cura con bambini da 3 a 6 anni", ["85", "88"], (22, 27)),
    ("2.6.5.5.5", "Insegnanti di lingue", 1, ["Insegnante di inglese", "Docente di lingua tedesca"],
     "lezioni individuali e di gruppo per adulti e ragazzi", ["85"], (20, 28)),
    ("2.7.1.1.1", "Analisti e progettisti di software", 4, ["Sviluppatore software", "Software developer Java", "Programmatore back-end"],
     "analisi dei requisiti, sviluppo e test di applicazioni gestionali", ["62"], (30, 48)),
    ("2.7.1.1.3", "Analisti e progettisti di applicazioni web", 3, ["Sviluppatore web full stack", "Web developer front-end"],
     "sviluppo di applicazioni web e servizi REST, manutenzione dei siti dei clienti", ["62", "73"], (28, 42)),
    ("2.7.2.1.3", "Amministratori di sistemi", 2, ["Sistemista", "Amministratore di sistema Linux"],
     "gestione di server, reti e backup, assistenza agli utenti interni", ["62", "82"], (30, 42)),
    ("3.1.2.1.0", "Tecnici programmatori", 3, ["Programmatore junior", "Tecnico programmatore PLC"],
     "sviluppo e manutenzione di programmi e configurazione di software industriali", ["62", "28"], (24, 34)),
    ("3.1.2.3.0", "Tecnici web", 2, ["Tecnico web", "Web designer"],
     "aggiornamento dei contenuti web, e-commerce e social media aziendali", ["62", "73"], (22, 30)),
    ("3.1.3.1.0", "Tecnici meccanici", 4, ["Tecnico meccanico", "Disegnatore meccanico"],
     "disegno tecnico, distinte base e collaborazione con l'ufficio tecnico", ["28", "29", "25"], (26, 34)),
    ("3.1.3.3.0", "Elettrotecnici", 3, ["Elettrotecnico", "Tecnico elettrotecnico"],
     "progettazione di quadri elettrici, schemi e collaudi", ["27", "28", "43"], (25, 33)),
    ("3.1.3.4.0", "Tecnici elettronici", 2, ["Tecnico elettronico", "Tecnico collaudatore elettronico"],
     "collaudo di schede elettroniche, diagnosi guasti e riparazioni", ["26", "27"], (25, 33)),
    ("3.1.3.5.0", "Tecnici delle costruzioni civili e professioni assimilate", 2, ["Geometra di cantiere", "Tecnico di cantiere"],
     "contabilità di cantiere, rilievi e coordinamento delle squadre", ["41", "43", "71"], (26, 34)),
    ("3.1.3.7.1", "Disegnatori tecnici", 2, ["Disegnatore tecnico CAD", "Disegnatore 2D/3D"],
     "disegni esecutivi con AutoCAD e SolidWorks e archiviazione della documentazione tecnica", ["28", "71"], (23, 30)),
    ("3.1.5.3.0", "Tecnici della produzione manifatturiera", 3, ["Tecnico di produzione", "Capoturno di produzione"],
     "pianificazione della produzione, controllo qualità e coordinamento degli operatori", ["28", "10", "22"], (27, 36)),
    ("3.1.8.2.0", "Tecnici della sicurezza sul lavoro", 1, ["Tecnico HSE", "Addetto/a alla sicurezza sul lavoro (RSPP)"],
     "valutazione dei rischi, formazione dei lavoratori e gestione dei DPI", ["70", "71"], (28, 38)),
    ("3.2.1.1.1", "Professioni sanitarie infermieristiche", 4, ["Infermiere", "Infermiere/a per RSA", "Infermieri per struttura sanitaria"],
     "assistenza infermieristica agli ospiti, somministrazione delle terapie e tenuta della documentazione sanitaria", ["86", "87"], (27, 34)),
    ("3.2.1.2.2", "Fisioterapisti e assimilati", 2, ["Fisioterapista", "Fisioterapista per poliambulatorio"],
     "trattamenti riabilitativi individuali e di gruppo", ["86", "87"], (26, 34)),
    ("3.2.1.2.7", "Educatori professionali", 2, ["Educatore professionale", "Educatrice per servizi disabili"],
     "progetti educativi individualizzati e attività di laboratorio", ["88", "87"], (23, 28)),
    ("3.3.1.1.1", "Segretari amministrativi e tecnici degli affari generali", 3, ["Segretaria amministrativa", "Impiegato/a amministrativo/a"],
     "gestione della corrispondenza, fatturazione e prima nota", ["69", "82", "46"], (23, 30)),
    ("3.3.1.2.1", "Contabili", 4, ["Contabile", "Impiegata contabile", "Addetto/a contabilità generale"],
     "registrazioni contabili, riconciliazioni bancarie e adempimenti IVA", ["69", "46", "28"], (25, 33)),
    ("3.3.3.1.0", "Approvvigionatori e responsabili acquisti", 2, ["Buyer", "Responsabile acquisti"],
     "selezione dei fornitori, trattative e gestione degli ordini di acquisto", ["28", "46", "10"], (30, 42)),
    ("3.3.3.2.0", "Responsabili di magazzino e della distribuzione interna", 2, ["Responsabile di magazzino", "Capo magazziniere"],
     "coordinamento del personale di magazzino, inventari e gestione delle spedizioni", ["52", "46"], (28, 36)),
    ("3.3.3.4.0", "Tecnici della vendita e della distribuzione", 2, ["Tecnico commerciale", "Sales engineer"],
     "supporto tecnico ai clienti, offerte e visite presso le aziende", ["28", "46"], (28, 40)),
    ("3.3.3.5.0", "Tecnici del marketing", 2, ["Marketing specialist", "Addetta marketing e comunicazione"],
     "campagne di comunicazione, analisi di mercato e gestione dei canali digitali", ["73", "47", "10"], (26, 35)),
    ("3.3.4.1.0", "Spedizionieri e tecnici dell'organizzazione commerciale", 2, ["Impiegato/a spedizioni", "Operativo/a import-export"],
     "organizzazione delle spedizioni nazionali e internazionali e pratiche doganali", ["52", "46"], (25, 32)),
    ("3.3.4.2.0", "Agenti di commercio", 2, ["Agente di commercio", "Agente plurimandatario"],
     "sviluppo del portafoglio clienti nella zona assegnata", ["46"], (25, 45)),
    ("3.3.4.5.0", "Agenti e periti immobiliari", 1, ["Agente immobiliare", "Consulente immobiliare"],
     "acquisizione di immobili, visite con i clienti e trattative", ["70"], (22, 40)),
    ("3.3.4.6.0", "Rappresentanti di commercio", 2, ["Rappresentante di commercio", "Venditore Ho.Re.Ca."],
     "visite ai clienti, raccolta ordini e promozione dei prodotti", ["46", "11"], (24, 40)),
    ("3.4.4.1.1", "Grafici", 2, ["Grafico", "Graphic designer"],
     "ideazione di materiali grafici per stampa e web", ["73"], (22, 30)),
    ("3.4.5.1.0", "Assistenti sociali", 1, ["Assistente sociale"],
     "presa in carico dei casi, colloqui e lavoro di rete con i servizi del territorio", ["88", "84"], (26, 32)),
    ("3.4.5.3.0", "Tecnici dei servizi per l'impiego", 1, ["Operatore/operatrice dei servizi per il lavoro", "Orientatore/orientatrice"],
     "colloqui di orientamento, bilancio delle competenze e incrocio domanda-offerta", ["78", "84"], (24, 30)),
    ("4.1.1.1.0", "Addetti a funzioni di segreteria", 4, ["Segretaria", "Addetto/a segreteria", "Receptionist e segreteria"],
     "gestione dell'agenda, del centralino e dell'archivio", ["69", "86", "82"], (21, 27)),
    ("4.1.1.2.0", "Addetti agli affari generali", 3, ["Impiegato/a ufficio affari generali", "Impiegata d'ufficio"],
     "supporto amministrativo, protocollo e gestione documentale", ["82", "46", "84"], (22, 27)),
    ("4.1.1.4.0", "Addetti alla gestione del personale", 2, ["Addetto/a ufficio personale", "Impiegata paghe e contributi"],
     "presenze, cedolini e adempimenti relativi al personale", ["69", "78"], (23, 30)),
    ("4.1.2.2.0", "Addetti all'immissione dati", 2, ["Addetto/a inserimento dati", "Data entry"],
     "inserimento e verifica dei dati nel gestionale aziendale", ["82", "53"], (19, 23)),
    ("4.2.2.1.0", "Addetti all'accoglienza e all'informazione nelle imprese e negli enti pubblici", 2,
     ["Receptionist", "Addetta all'accoglienza"],
     "accoglienza dei visitatori, centralino e gestione della posta", ["82", "86"], (19, 24)),
    ("4.2.2.2.0", "Addetti all'accoglienza nei servizi di alloggio e ristorazione", 3, ["Receptionist d'albergo", "Addetto/a al ricevimento hotel"],
     "check-in e check-out degli ospiti, prenotazioni e informazioni turistiche", ["55"], (20, 25)),
    ("4.2.2.4.0", "Addetti all'informazione nei Call Center (senza funzioni di vendita)", 2, ["Operatore/operatrice call center inbound", "Addetto/a customer care"],
     "risposta alle chiamate dei clienti e gestione delle segnalazioni", ["82"], (18, 22)),
    ("4.3.1.2.0", "Addetti alla gestione dei magazzini e professioni assimilate", 6, ["Magazziniere", "Magazzinieri con patentino muletto", "Addetto/a al magazzino", "Magazziniera"],
     "carico e scarico merci, preparazione degli ordini, inventario e utilizzo del carrello elevatore", ["52", "46", "47", "10"], (20, 25)),
    ("4.3.2.1.0", "Addetti alla contabilità", 3, ["Addetta alla contabilità", "Impiegato/a contabile junior"],
     "registrazione delle fatture, scadenzario e rapporti con le banche", ["69", "46"], (22, 28)),
    ("4.3.2.2.0", "Addetti alle buste paga", 1, ["Addetto/a buste paga", "Impiegata paghe"],
     "elaborazione dei cedolini e degli adempimenti contributivi", ["69"], (23, 29)),
    ("5.1.2.1.0", "Commessi delle vendite all'ingrosso", 2, ["Banconista all'ingrosso", "Addetto/a vendita cash and carry"],
     "servizio al banco, preparazione degli ordini e gestione del punto vendita", ["46"], (20, 24)),
    ("5.1.2.2.0", "Commessi delle vendite al minuto", 8, ["Commesso/a", "Addetta alle vendite", "Commessi per negozio di abbigliamento", "Addetto/a vendita reparto ortofrutta"],
     "assistenza ai clienti, riassortimento degli scaffali, allestimento e gestione della cassa", ["47"], (19, 23)),
    ("5.1.2.4.0", "Cassieri di esercizi commerciali", 4, ["Cassiera", "Addetto/a cassa supermercato", "Cassieri part-time"],
     "operazioni di cassa, chiusura di fine giornata e assistenza ai clienti", ["47"], (18, 22)),
    ("5.1.3.3.0", "Vetrinisti e professioni assimilate", 1, ["Vetrinista", "Visual merchandiser"],
     "allestimento delle vetrine e dell'esposizione in negozio", ["47"], (20, 25)),
    ("5.1.3.4.0", "Addetti all'informazione e all'assistenza dei clienti", 2, ["Addetto/a assistenza clienti", "Customer service"],
     "assistenza ai clienti in negozio e al telefono, gestione dei resi", ["47", "82"], (19, 23)),
    ("5.2.2.1.0", "Cuochi in alberghi e ristoranti", 5, ["Cuoco", "Cuoca", "Cuochi per la stagione estiva", "Chef de partie", "Aiuto cuoco"],
     "preparazione dei piatti della cucina emiliano-romagnola, gestione della linea e igiene HACCP", ["56", "55"], (21, 28)),
    ("5.2.2.3.1", "Camerieri di albergo", 2, ["Cameriera ai piani", "Cameriere d'albergo"],
     "riassetto delle camere e degli spazi comuni della struttura", ["55"], (18, 21)),
    ("5.2.2.3.2", "Camerieri di ristorante", 6, ["Cameriere", "Cameriera di sala", "Camerieri per la stagione estiva", "Chef de rang"],
     "servizio ai tavoli, accoglienza dei clienti e preparazione della sala", ["56", "55"], (18, 23)),
    ("5.2.2.4.0", "Baristi e professioni assimilate", 5, ["Barista", "Barista caffetteria", "Baristi per locale in centro"],
     "preparazione di caffè, cappuccini e bevande, servizio al banco e ai tavoli e pulizia del locale", ["56"], (18, 22)),
    ("5.3.1.1.0", "Professioni qualificate nei servizi sanitari e sociali", 5, ["Operatore socio sanitario (OSS)", "OSS per RSA", "Operatrici socio sanitarie"],
     "assistenza di base agli ospiti, igiene personale e supporto nelle attività quotidiane", ["87", "86", "88"], (21, 25)),
    ("5.5.1.1.0", "Acconciatori", 1, ["Parrucchiera", "Acconciatore/acconciatrice"],
     "taglio, piega e colore, accoglienza dei clienti del salone", ["96"], (17, 22)),
    ("5.5.1.2.0", "Estetisti e truccatori", 1, ["Estetista", "Estetista qualificata"],
     "trattamenti viso e corpo, manicure e pedicure", ["96"], (17, 22)),
    ("5.5.2.2.0", "Addetti alla sorveglianza di bambini e professioni assimilate", 1, ["Baby sitter", "Addetta alla sorveglianza bambini"],
     "sorveglianza dei bambini nei servizi pre e post scuola", ["88", "97"], (14, 18)),
    ("5.5.2.3.0", "Addetti all'assistenza personale", 3, ["Assistente familiare (badante)", "Addetto/a assistenza domiciliare"],
     "assistenza a persone anziane a domicilio, aiuto nella cura della persona e della casa", ["88", "97"], (15, 20)),
    ("5.6.1.6.0", "Guardie private di sicurezza", 1, ["Guardia giurata", "Addetto/a vigilanza"],
     "servizi di vigilanza armata e controllo accessi", ["80"], (20, 25)),
    ("5.6.1.7.0", "Bagnini e professioni assimilate", 1, ["Bagnino di salvataggio", "Assistente bagnanti"],
     "sorveglianza della spiaggia e della piscina e primo soccorso", ["93"], (14, 18)),
    ("6.1.2.1.0", "Muratori in pietra e mattoni", 3, ["Muratore", "Muratori qualificati"],
     "opere murarie, intonaci e ristrutturazioni", ["41", "43"], (22, 28)),
    ("6.1.2.3.0", "Carpentieri e falegnami edili", 1, ["Carpentiere edile", "Carpentiere in legno"],
     "casseforme, solai e coperture in legno", ["41", "43"], (22, 28)),
    ("6.1.3.6.1", "Idraulici nelle costruzioni civili", 2, ["Idraulico", "Idraulico installatore"],
     "installazione e manutenzione di impianti idrico-sanitari e di riscaldamento", ["43"], (22, 30)),
    ("6.1.3.7.0", "Elettricisti ed installatori di impianti elettrici nelle costruzioni civili", 3, ["Elettricista", "Elettricisti civili e industriali"],
     "realizzazione e manutenzione di impianti elettrici civili e industriali", ["43"], (22, 30)),
    ("6.1.4.1.1", "Pittori edili", 1, ["Imbianchino", "Pittore edile"],
     "tinteggiature interne ed esterne, cartongesso e stucchi", ["43"], (20, 26)),
    ("6.2.1.2.0", "Saldatori e tagliatori a fiamma", 3, ["Saldatore", "Saldatori a filo e TIG"],
     "saldature a filo e TIG su carpenteria in acciaio", ["25", "28"], (22, 29)),
    ("6.2.1.4.0", "Carpentieri e montatori di carpenteria metallica", 2, ["Carpentiere metallico", "Montatore di carpenteria metallica"],
     "lettura del disegno, taglio, assemblaggio e montaggio di strutture metalliche", ["25"], (22, 29)),
    ("6.2.1.8.1", "Carrozzieri", 1, ["Carrozziere", "Carrozziere/verniciatore"],
     "riparazione di carrozzerie, lattoneria e preparazione alla verniciatura", ["45"], (21, 27)),
    ("6.2.2.3.1", "Attrezzisti di macchine utensili", 2, ["Attrezzista", "Attrezzista macchine CNC"],
     "attrezzaggio e messa a punto di macchine utensili a controllo numerico", ["25", "28"], (23, 30)),
    ("6.2.3.1.1", "Meccanici motoristi e riparatori di veicoli a motore", 3, ["Meccanico auto", "Meccanico di officina", "Meccanici per veicoli industriali"],
     "diagnosi e riparazione di automobili e veicoli commerciali", ["45"], (21, 28)),
    ("6.2.3.3.1", "Riparatori e manutentori di macchinari e impianti industriali", 4, ["Manutentore meccanico", "Manutentore industriale", "Tecnico manutentore"],
     "manutenzione ordinaria e straordinaria di linee e impianti produttivi", ["33", "28", "10"], (24, 32)),
    ("6.2.3.7.0", "Verniciatori artigianali ed industriali", 1, ["Verniciatore", "Verniciatore industriale"],
     "verniciatura a spruzzo e a polvere di componenti metallici", ["25", "29"], (21, 26)),
    ("6.2.4.1.3", "Elettromeccanici", 2, ["Elettromeccanico", "Elettromeccanico trasfertista"],
     "cablaggio, montaggio e collaudo di macchine automatiche", ["28", "33"], (23, 30)),
    ("6.2.4.1.5", "Elettrauto", 1, ["Elettrauto", "Meccatronico"],
     "diagnosi elettronica e riparazione degli impianti elettrici dei veicoli", ["45"], (21, 27)),
    ("6.3.1.1.0", "Meccanici di precisione", 1, ["Meccanico di precisione", "Aggiustatore meccanico"],
     "lavorazioni meccaniche di precisione e montaggio di gruppi", ["28"], (23, 30)),
    ("6.5.1.1.1", "Macellai e abbattitori di animali", 1, ["Macellaio", "Banconiere macelleria"],
     "sezionamento delle carni, servizio al banco e rispetto delle norme igieniche", ["47", "10"], (21, 26)),
    ("6.5.1.2.1", "Panettieri", 2, ["Panettiere", "Fornaio"],
     "produzione di pane e prodotti da forno con turni notturni", ["10", "47"], (20, 25)),
    ("6.5.1.2.2", "Pastai", 1, ["Sfoglina/sfoglino", "Pastaio"],
     "produzione di pasta fresca e ripiena (tortellini, tagliatelle)", ["10", "56"], (19, 24)),
    ("6.5.1.3.1", "Pasticcieri e cioccolatai", 2, ["Pasticciere", "Aiuto pasticcere"],
     "produzione di pasticceria fresca e secca e decorazione delle torte", ["10", "56"], (20, 26)),
    ("6.5.1.3.2", "Gelatai", 1, ["Gelataio", "Addetto/a gelateria"],
     "produzione del gelato artigianale e servizio al banco", ["56"], (17, 21)),
    ("6.5.2.2.2", "Falegnami", 2, ["Falegname", "Falegname mobiliere"],
     "lavorazione del legno, montaggio di mobili e serramenti", ["16", "31"], (21, 27)),
    ("6.5.3.3.4", "Sarti", 1, ["Sarta", "Sarto modellista"],
     "confezione, modifiche e riparazioni di capi di abbigliamento", ["14"], (18, 23)),
    ("7.1.7.1.0", "Operatori di catene di montaggio automatizzate", 4, ["Operaio di linea", "Operatore/operatrice di linea automatizzata", "Operai per linea di montaggio"],
     "conduzione della linea automatizzata, controllo visivo dei pezzi e piccoli interventi", ["29", "28", "27"], (21, 26)),
    ("7.2.1.1.0", "Conduttori di macchine utensili automatiche e semiautomatiche industriali", 4, ["Operatore CNC", "Tornitore CNC", "Fresatore CNC"],
     "attrezzaggio e conduzione di torni e centri di lavoro a controllo numerico", ["25", "28"], (22, 29)),
    ("7.2.7.1.0", "Assemblatori in serie di parti di macchine", 4, ["Montatore meccanico", "Assemblatore", "Operaia addetta al montaggio"],
     "montaggio di gruppi meccanici secondo disegno e ciclo di lavoro", ["28", "29"], (20, 26)),
    ("7.2.8.1.0", "Addetti a macchine confezionatrici e al confezionamento di prodotti industriali", 4, ["Addetto/a al confezionamento", "Operaio confezionamento alimentare", "Operaie addette al confezionamento"],
     "conduzione delle macchine confezionatrici, etichettatura e controllo qualità", ["10", "22", "11"], (19, 24)),
    ("7.4.2.2.0", "Conduttori di autobus, di tram e di filobus", 1, ["Autista di autobus", "Conducente di linea"],
     "guida di autobus di linea urbana ed extraurbana", ["49"], (24, 30)),
    ("7.4.2.3.0", "Conduttori di mezzi pesanti e camion", 4, ["Autista patente C", "Autista CE con CQC", "Autisti per trasporto merci"],
     "trasporto e consegna di merci sul territorio nazionale, carico e scarico", ["49", "52"], (24, 32)),
    ("7.4.3.1.0", "Conduttori di trattori agricoli", 1, ["Trattorista", "Operatore macchine agricole"],
     "conduzione di trattori e macchine agricole per lavorazioni in campo", ["01"], (19, 24)),
    ("7.4.4.3.0", "Conduttori di gru e di apparecchi di sollevamento", 1, ["Gruista", "Operatore di gru"],
     "movimentazione dei carichi in cantiere con gru a torre e autogru", ["41", "43"], (24, 30)),
    ("7.4.4.4.0", "Conduttori di carrelli elevatori", 4, ["Carrellista", "Mulettista", "Carrellisti per magazzino"],
     "movimentazione delle merci con carrello elevatore e stoccaggio a scaffale", ["52", "46"], (20, 25)),
    ("8.1.3.1.0", "Facchini, addetti allo spostamento merci ed assimilati", 3, ["Facchino", "Addetto/a carico e scarico merci"],
     "carico e scarico di camion e movimentazione manuale delle merci", ["52"], (18, 22)),
    ("8.1.3.2.0", "Personale non qualificato addetto all'imballaggio e al magazzino", 4, ["Addetto/a picking", "Operaio di magazzino", "Addetti all'imballaggio"],
     "prelievo della merce (picking), imballaggio e preparazione delle spedizioni", ["52", "47", "53"], (18, 22)),
    ("8.1.3.3.0", "Addetti alle consegne di merci", 3, ["Corriere espresso", "Fattorino", "Addetto/a alle consegne"],
     "consegna dei pacchi ai clienti con furgone aziendale", ["53", "49"], (19, 24)),
    ("8.1.4.2.0", "Personale non qualificato nei servizi di pulizia", 4, ["Addetta alle pulizie", "Addetto/a pulizie uffici", "Operatori delle pulizie"],
     "pulizia di uffici, negozi e spazi comuni con attrezzature professionali", ["81"], (15, 19)),
    ("8.1.5.1.0", "Bidelli e professioni assimilate", 1, ["Collaboratore/collaboratrice scolastica", "Custode"],
     "sorveglianza, pulizia e piccola manutenzione degli spazi", ["85", "81"], (17, 21)),
    ("8.2.2.1.0", "Collaboratori domestici e professioni assimilate", 1, ["Collaboratrice domestica", "Colf"],
     "pulizia e riordino della casa, stiro e piccole commissioni", ["97"], (14, 18)),
    ("8.3.1.1.0", "Braccianti agricoli", 3, ["Bracciante agricolo", "Raccoglitori di frutta", "Operaio agricolo stagionale"],
     "raccolta della frutta, potatura e lavori in campo", ["01"], (16, 20)),
    ("8.4.2.1.0", "Manovali e personale non qualificato dell'edilizia civile e professioni assimilate", 2, ["Manovale edile", "Operaio edile"],
     "supporto alle squadre di cantiere, movimentazione dei materiali e pulizia del cantiere", ["41", "43"], (19, 23)),
    ("8.4.3.1.0", "Personale non qualificato delle attività industriali e professioni assimilate", 4, ["Operaio generico", "Operaia generica di produzione", "Operai generici su turni"],
     "alimentazione delle macchine, controllo dei pezzi e pulizia della postazione", ["22", "25", "10", "23"], (18, 23)),
]

EMPLOYER_A = ["Emilia", "Romagna", "Adriatica", "Padana", "Appennino", "Felsinea", "Estense", "Malatesta", "Via Emilia",
              "Reno", "Secchia", "Panaro", "Po", "Savio", "Santerno", "Marecchia", "Taro", "Trebbia", "Lamone", "Montone",
              "Torre", "Portico", "Duomo", "Rocca", "Castello", "Corte", "Ponte", "Borgo", "Valle", "Collina"]
EMPLOYER_B = {
    "default": ["Servizi", "Group", "Società Cooperativa", "& Partners", "Italia"],
    "01": ["Agricola", "Ortofrutta", "Frutteti"], "10": ["Alimentare", "Salumi", "Pastificio", "Conserve"], "11": ["Cantine", "Bevande"],
    "13": ["Tessile"], "14": ["Moda", "Maglieria"], "16": ["Legno"], "22": ["Plastica", "Gomma"], "23": ["Ceramiche"],
    "25": ["Carpenterie", "Minuterie Metalliche", "Lamiere"], "26": ["Elettronica"], "27": ["Elettrotecnica", "Quadri Elettrici"],
    "28": ["Meccanica", "Automazione", "Packaging Machines", "Oleodinamica"], "29": ["Automotive", "Componenti Auto"],
    "31": ["Arredamenti", "Mobili"], "33": ["Manutenzioni Industriali"], "38": ["Ambiente", "Recuperi"],
    "41": ["Costruzioni", "Edilizia"], "43": ["Impianti", "Termoidraulica", "Impianti Elettrici"], "45": ["Autoriparazioni", "Motori"],
    "46": ["Distribuzione", "Forniture", "Ingrosso"], "47": ["Market", "Boutique", "Supermercati", "Farmacia"],
    "49": ["Trasporti", "Autolinee"], "52": ["Logistica", "Magazzini Generali", "Hub"], "53": ["Express", "Consegne"],
    "55": ["Hotel", "Residence", "Resort"], "56": ["Ristorante", "Trattoria", "Caffè", "Osteria", "Pizzeria"],
    "62": ["Software", "Informatica", "Digital"], "69": ["Studio Associato", "Consulenze"], "70": ["Consulting", "Management"],
    "71": ["Ingegneria", "Progetti"], "73": ["Comunicazione", "Adv"], "78": ["Lavoro", "Risorse Umane"], "80": ["Vigilanza"],
    "81": ["Pulizie", "Multiservizi"], "82": ["Servizi alle Imprese", "Contact Center"], "84": ["Unione dei Comuni"],
    "85": ["Scuola", "Formazione", "Istituto"], "86": ["Poliambulatorio", "Clinica", "Centro Medico"], "87": ["RSA", "Casa Residenza Anziani"],
    "88": ["Cooperativa Sociale", "Servizi Sociali"], "93": ["Sport", "Bagni", "Piscine"], "96": ["Benessere", "Acconciature", "Estetica"],
    "97": ["Famiglia"],
}
LEGAL = ["S.r.l.", "S.p.A.", "S.n.c.", "Soc. Coop.", "S.r.l.s.", "S.a.s."]

CONTRACTS = [("tempo_determinato", 35), ("tempo_indeterminato", 25), ("somministrazione", 12), ("apprendistato", 8),
             ("collaborazione", 4), ("lavoro_autonomo", 3), ("altro", 5)]
WORKING = [("full_time", 60), ("part_time", 25), ("turni", 12), ("other", 3)]
CONTRACT_TEXT = {
    "tempo_determinato": "contratto a tempo determinato con possibilità di proroga",
    "tempo_indeterminato": "contratto a tempo indeterminato",
    "somministrazione": "contratto in somministrazione tramite agenzia per il lavoro",
    "apprendistato": "contratto di apprendistato professionalizzante",
    "tirocinio": "tirocinio extracurriculare di 6 mesi con indennità mensile",
    "collaborazione": "contratto di collaborazione coordinata e continuativa",
    "lavoro_autonomo": "collaborazione con partita IVA",
    "altro": "contratto da definire in base all'esperienza",
}
WT_TEXT = {"full_time": "a tempo pieno", "part_time": "part-time (20-30 ore settimanali)", "turni": "su turni a ciclo continuo", "other": "con orario flessibile"}
OPENERS = [
    "{emp} cerca {who} per la sede di {com} ({prov}).",
    "Per la propria sede di {com}, {emp} ricerca {who}.",
    "{emp}, azienda in crescita nel settore {sect}, seleziona {who} da inserire a {com}.",
    "Si ricerca {who} per una realtà del settore {sect} con sede a {com} ({prov}).",
    "Offerta di lavoro a {com}: {emp} ricerca {who}.",
]
REQS = [
    "Si richiede esperienza, anche breve, nella mansione.",
    "È gradita esperienza nel ruolo; disponibilità immediata.",
    "Richiesti precisione, capacità di lavorare in squadra e puntualità.",
    "Si valutano anche candidature senza esperienza, con voglia di imparare.",
    "Richiesta la patente B e l'automunizione per raggiungere la sede.",
    "Costituisce titolo preferenziale la conoscenza della lingua inglese.",
]
HOW = [
    "Candidati dall'app con il pulsante «Candidati» citando il codice {id}, oppure rivolgiti al Centro per l'Impiego di {prov_name}.",
    "Invia il curriculum tramite l'app indicando il codice {id}; i profili idonei saranno contattati dal Centro per l'Impiego.",
    "Presenta la candidatura dall'app o allo sportello del Centro per l'Impiego più vicino, indicando il codice {id}.",
]
PROV_NAME = {"BO": "Bologna", "MO": "Modena", "RE": "Reggio Emilia", "PR": "Parma", "PC": "Piacenza", "FE": "Ferrara",
             "RA": "Ravenna", "FC": "Forlì-Cesena", "RN": "Rimini"}
LANGS = [("en", 70), ("de", 12), ("fr", 10), ("es", 5), ("ru", 3)]
EDU_BY_GROUP = {"1": [7, 8], "2": [7, 7, 8], "3": [4, 4, 7], "4": [4, 4, 3], "5": [2, 3, 4], "6": [2, 3, 3], "7": [2, 2, 3], "8": [0, 1, 2, 2]}


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def load_comuni():
    try:
        with open(COMUNI_JSON, encoding="utf-8") as f:
            data = json.load(f)
        items = data["items"] if isinstance(data, dict) else data
        out = []
        for it in items:
            region = it.get("r") or it.get("region") or ""
            if region != "Emilia-Romagna":
                continue
            lat, lon = it.get("lat"), it.get("lon")
            if lat is None or lon is None:
                continue
            out.append((it.get("i") or it.get("istat"), it.get("b") or it.get("belfiore"), it.get("n") or it.get("name"),
                        it.get("p") or it.get("province"), float(lat), float(lon)))
        if len(out) >= 50:
            out.sort()
            return out, "public/data/comuni.json"
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return sorted(FALLBACK_COMUNI), "embedded list"


def who_text(title, posts):
    return "%s (%s)" % (title, "1 posto" if posts == 1 else "%d posti" % posts)


def make_item(rng, n, comuni, comune_weights, employers):
    prof = P[weighted_index(rng, PROF_CUM)]
    code, label, _w, titles, tasks, divisions, pay = prof
    title = rng.choice(titles)
    division = rng.choice(divisions)
    com = comuni[weighted_index(rng, comune_weights)]
    istat, belfiore, com_name, prov, lat, lon = com
    emp = rng.choice(employers[division])

    internship = rng.random() < 0.08
    if internship:
        contract = "tirocinio"
        title = "Tirocinio: " + title
    else:
        contract = weighted(rng, CONTRACTS)
    working_time = weighted(rng, WORKING)
    r = rng.random()
    posts = 1 if r < 0.70 else (rng.randint(2, 3) if r < 0.92 else rng.randint(4, 10))

    # Dates: published in the last 60 days; most expire in the future, ~4% already expired.
    published = TODAY - dt.timedelta(days=rng.randint(0, 60))
    if rng.random() < 0.04:
        expires = TODAY - dt.timedelta(days=rng.randint(1, 20))
        if expires < published:
            published = expires - dt.timedelta(days=rng.randint(0, 30))
    else:
        expires = max(published, TODAY) + dt.timedelta(days=rng.randint(1, 90))

    group = code[0]
    edu = rng.choice(EDU_BY_GROUP.get(group, [2]))
    languages = []
    seaside = division in ("55", "56") and com_name in ("Rimini", "Riccione", "Cervia", "Cesenatico", "Cattolica")
    if (group in "234" and rng.random() < 0.4) or (seaside and rng.random() < 0.5):
        languages.append({"code": weighted(rng, LANGS), "level": rng.choice(["A2", "B1", "B1", "B2", "C1"])})
    licences = []
    if code == "7.4.2.3.0":
        licences = [rng.choice(["C", "CE"]), "CQC"]
    elif code == "7.4.2.2.0":
        licences = ["D", "CQC"]
    elif code.startswith("8.1.3.3") or rng.random() < 0.25:
        licences = ["B"]
    experience = rng.random() < (0.3 if internship else 0.55)

    sect_label = DIVISIONS[division]
    sentences = [rng.choice(OPENERS).format(emp=emp, who=who_text(title.replace("Tirocinio: ", ""), posts), com=com_name, prov=prov,
                                            sect=sect_label[0].lower() + sect_label[1:])]
    sentences.append("La risorsa si occuperà di %s." % tasks)
    if rng.random() < 0.7:
        sentences.append(rng.choice(REQS))
    salary = None
    if not internship and rng.random() < 0.6:
        lo = rng.randint(pay[0], pay[1])
        hi = min(lo + rng.choice([0, 1, 2, 3, 4]), pay[1] + 4)
        if working_time == "part_time":
            lo, hi = lo * 6 // 10, hi * 6 // 10
        salary = {"min": lo * 1000, "max": hi * 1000, "currency": "EUR", "period": "year"}
    if rng.random() < 0.8:
        offer = "Si offre %s %s" % (CONTRACT_TEXT[contract], WT_TEXT[working_time])
        if salary:
            offer += ", RAL %d-%d mila euro" % (salary["min"] // 1000, salary["max"] // 1000) \
                if salary["min"] != salary["max"] else ", RAL %d mila euro" % (salary["min"] // 1000)
        sentences.append(offer + ".")
    reserved = rng.random() < 0.05
    if reserved:
        sentences.append("Offerta riservata alle persone iscritte al collocamento mirato (L. 68/1999).")

    vid = "ER-DEMO-%07d" % n
    item = {
        "id": vid,
        "title": title,
        "description": " ".join(sentences),
        "employer": {"name": emp},
        "workplace": {"istat": istat, "belfiore": belfiore, "name": com_name, "province": prov},
        "lat": round(lat, 4),
        "lon": round(lon, 4),
        "profession": {"code": code, "label": label},
        "sector": {"code": division, "label": sect_label},
        "contract": contract,
        "working_time": working_time,
        "posts": posts,
        "requirements": {"education_level": edu},
        "published": published.isoformat(),
        "expires": expires.isoformat(),
        "reserved_l68": reserved,
        "internship": internship,
        "how_to_apply": rng.choice(HOW).format(id=vid, prov_name=PROV_NAME.get(prov, prov)),
        "source": "Dati dimostrativi (tools/gen_vacancies/gen.py)",
    }
    if languages:
        item["requirements"]["languages"] = languages
    if licences:
        item["requirements"]["driving_licences"] = licences
    item["requirements"]["experience_required"] = experience
    if salary:
        item["salary"] = salary
    return item


def cumulative(weights):
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def weighted_index(rng, cum):
    x = rng.random() * cum[-1]
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return lo


PROF_CUM = cumulative([p[2] for p in P])


def make_employers(rng):
    employers = {}
    for div in DIVISIONS:
        names = set()
        words = EMPLOYER_B.get(div, []) + EMPLOYER_B["default"][:2]
        while len(names) < 40:
            names.add("%s %s %s (nome fittizio)" % (rng.choice(EMPLOYER_A), rng.choice(words), rng.choice(LEGAL)))
        employers[div] = sorted(names)
    return employers


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--out", default=os.path.join(REPO, "public", "data", "vacancies.json"))
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args(argv)
    if args.count < 0:
        ap.error("--count must be >= 0")

    rng = random.Random(args.seed)
    comuni, comuni_source = load_comuni()
    comune_weights = cumulative([TOWN_WEIGHT.get(c[2], 1) for c in comuni])
    employers = make_employers(rng)

    tmp = args.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(args.out)) or ".", exist_ok=True)
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        header = {
            "schema_version": 1,
            "feed": "vacancies",
            "generated_at": TODAY.isoformat(),
            "demo": True,
            "source": "Offerte dimostrative generate (datori di lavoro fittizi). Comuni: ISTAT via %s; professioni: "
                      "ISTAT CP 2021; settori: ATECO 2007 (ISTAT)." % comuni_source,
        }
        head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))
        f.write(head[:-1] + ',"items":[\n')
        for n in range(1, args.count + 1):
            item = make_item(rng, n, comuni, comune_weights, employers)
            f.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if n < args.count else "\n")
        f.write("]}\n")
    os.replace(tmp, args.out)
    print("%d offerte scritte in %s (comuni: %s, %d)" % (args.count, args.out, comuni_source, len(comuni)), file=sys.stderr)


if __name__ == "__main__":
    main()
