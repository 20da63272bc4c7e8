"""First names and surnames the demo's people bear: common in France, across generations.

First names are among the most given in France to people born between the
1950s and the 2000s (INSEE's fichier des prénoms); surnames are among the
most frequent French surnames. Drawing from these, rather than Faker's
lists (which mix rare and foreign first names and invent place names), keeps
the portfolio looking like a real branch's.
"""

from __future__ import annotations

MALE_FIRST_NAMES: tuple[str, ...] = (
    "Alain", "Alexandre", "Antoine", "Arnaud", "Aurélien", "Benoît", "Bernard", "Bruno",
    "Cédric", "Christian", "Christophe", "Clément", "Damien", "Daniel", "David", "Denis",
    "Didier", "Dominique", "Éric", "Fabien", "Fabrice", "Florian", "François", "Franck",
    "Frédéric", "Gilles", "Guillaume", "Hervé", "Hugo", "Jacques", "Jean", "Jérôme",
    "Julien", "Kévin", "Laurent", "Loïc", "Lucas", "Marc", "Mathieu", "Maxime", "Michel",
    "Nicolas", "Olivier", "Pascal", "Patrick", "Philippe", "Pierre", "Quentin", "Romain",
    "Sébastien", "Stéphane", "Sylvain", "Thierry", "Thomas", "Vincent", "Xavier", "Yann",
)  # fmt: skip
FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Amandine", "Anne", "Audrey", "Aurélie", "Camille", "Caroline", "Catherine", "Céline",
    "Chantal", "Charlotte", "Christine", "Claire", "Corinne", "Delphine", "Élodie", "Émilie",
    "Florence", "Françoise", "Hélène", "Isabelle", "Julie", "Karine", "Laetitia", "Laura",
    "Laurence", "Léa", "Manon", "Marie", "Martine", "Mélanie", "Nathalie", "Patricia",
    "Pauline", "Sabrina", "Sandrine", "Sarah", "Séverine", "Sophie", "Stéphanie", "Sylvie",
    "Valérie", "Véronique", "Virginie",
)  # fmt: skip
SURNAMES: tuple[str, ...] = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David",
    "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
    "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc",
    "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
    "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire",
    "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
    "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard",
    "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard",
    "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier",
    "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland",
    "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert",
    "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps", "Huet",
    "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris",
    "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
    "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez",
    "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot",
    "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Rémy",
    "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun", "Marchal",
    "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
    "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier",
    "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Benard", "Maréchal",
    "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon",
    "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
)  # fmt: skip
