"""The phrases that name a day or a period without a number, in the six languages, as regex
alternations over folded text: today and tomorrow, this and next week, the end of the month or
year, "in N days", and the words that may stand around a bare day number. They are the
vocabulary of `patterns`; nothing is compiled here.
"""

from __future__ import annotations

_TODAY = (
    r"today|heute|aujourd'hui|aujourd hui|hoy|vandaag|oggi|tonight|this (?:afternoon|evening)|"
    r"later today|(?:the )?end of (?:the )?(?:business )?day|close of business|eod|cob|"
    r"ce soir|cet apres-midi|esta tarde|vanmiddag|vanavond|stasera|in giornata"
)
_TOMORROW = (
    r"tomorrow|morgenochtend|morgenmiddag|morgenavond|"
    r"(?<!heute )(?<!guten )(?<!am )(?<!jeden )(?<!goede )(?<!goeie )morgen"
    r"(?! zusammen| allerseits| miteinander)|demain|"
    r"(?<!la )(?<!esta )(?<!por )(?<!de )manana|domani"
)
_AFTER_TOMORROW = (
    r"day after tomorrow|ubermorgen|apres-demain|apres demain|pasado manana|overmorgen|dopodomani"
)
# French "hier" is German and Dutch "here": only with a French word next to it.
_YESTERDAY = (
    r"yesterday|gestern|ayer|gisteren|ieri|"
    r"(?:payee?s?|reglee?s?|viree?s?|effectuee?s?|envoyee?s?|fait|depuis|des|d'|avons|ai) hier|"
    r"hier (?:soir|matin|apres-midi|nous|j'ai|le (?:virement|paiement))"
)
_BEFORE_YESTERDAY = (
    r"day before yesterday|vorgestern|avant-hier|anteayer|eergisteren|l'altro ieri|altroieri"
)

_NEXT_WEEK = (
    r"next week|the following week|nachste woche|nachsten woche|nachster woche|kommende woche|"
    r"kommenden woche|kommender woche|folgenden woche|folgender woche|"
    r"la semaine prochaine|de la semaine prochaine|semaine prochaine|la semaine suivante|"
    r"la semana que viene|de la proxima semana|la proxima semana|proxima semana|"
    r"de la semana que viene|la semana proxima|la semana entrante|de la semana entrante|"
    r"volgende week|komende week|la settimana prossima|della prossima settimana|"
    r"prossima settimana|della settimana prossima|settimana prossima|la prossima settimana"
)
_THIS_WEEK = (
    r"this week|diese woche|dieser woche|diesen woche|cette semaine|de cette semaine|"
    r"esta semana|de esta semana|esta misma semana|deze week|van deze week|questa settimana|"
    r"di questa settimana"
)
_NEXT_PREFIX = (
    r"next|this coming|coming|this|on|by|until|till|before|nachsten|nachster|kommenden|"
    r"am kommenden|am nachsten|diesen|am|bis|bis zum|bis am|spatestens|ce|ce prochain|d'ici|"
    r"avant|le|el proximo|este|el|antes del|para el|hasta el|volgende|aanstaande|komende|"
    r"deze|op|voor|uiterlijk|tot|a\.\s?s\.|questo|entro|per|il|prossimo"
)
_NEXT_SUFFIX = r"prochain|qui vient|prossimo|que viene|proximo|aanstaande|a\.\s?s\.?|p\.\s?v\.?"
_LAST_PREFIX = r"last|past|letzten|letzter|vergangenen|el pasado|afgelopen|vorige|jongstleden"
_LAST_SUFFIX = r"dernier|passe|pasado|scorso|jl\.?"

# "by month-end", not "our month-end closing".
_BY_THE = r"(?:by|at|before|until|till|for|around|on|to) (?:the )?"
_MONTH_END = (
    r"(?:the )?end of (?:the |this )?month|(?:the )?end of the current month|"
    rf"{_BY_THE}month[- ]end|"
    r"(?:the )?last (?:working |business )?day of (?:the |this )?month|"
    r"ende (?:des |dieses )?monats|monatsende|zum monatsende|monatsletzten|(?:per |zum )ultimo|"
    r"letzten (?:werk|arbeits|bankarbeits)?tag (?:des|dieses) monats|"
    r"(?:la |en )?fin (?:du |de ce |de )?mois|dernier jour (?:ouvre |ouvrable )?du mois|"
    r"(?:a )?fin(?:ales)? de(?:l)? mes|final de(?:l)? mes|(?:a )?fin(?:ales)? de este mes|"
    r"(?:el )?ultimo dia (?:habil |laborable )?del mes|a ultimos de mes|"
    r"eind(?:e)? (?:van )?(?:de|deze) maand|einde (?:van )?de maand|"
    r"laatste (?:werk)?dag van de maand|"
    r"fine (?:del |di questo )?mese|fine mese|(?:l')?ultimo giorno (?:lavorativo )?del mese|"
    # within this month ("tight on cash this month" is no date)
    r"(?:within|during|later|sometime|some time|still) (?:the |this )?month|"
    r"noch (?:in )?diese[mn]? monat|im laufe (?:des|dieses) monats|"
    r"(?:dans le )?courant du mois|en el transcurso del mes|este mismo mes|"
    r"in de loop van (?:de|deze) maand|deze maand nog|entro il mese|entro questo mese|"
    r"nel corso del mese"
)
_NEXT_MONTH_END = (
    r"(?:the )?end of (?:the )?(?:next|following) month|"
    r"ende (?:des )?(?:nachsten|kommenden|folgenden) monats|"
    r"(?:la )?fin du mois (?:prochain|suivant)|"
    r"fin(?:ales)? del (?:proximo )?mes (?:que viene|proximo)|"
    r"finales del proximo mes|fin del proximo mes|eind(?:e)? volgende maand|"
    r"einde van volgende maand|eind van de volgende maand|"
    r"fine del (?:mese prossimo|prossimo mese|mese successivo)"
)
_NEXT_MONTH_START = (
    r"(?:early|the beginning of|the start of|beginning of|start of) (?:the )?(?:next|following) "
    r"month|anfang (?:des )?(?:nachsten|kommenden|folgenden) monats|"
    r"(?:au )?debut (?:du )?mois (?:prochain|suivant)|"
    r"(?:a )?(?:principios|primeros|comienzos|inicios) del "
    r"(?:mes que viene|proximo mes|mes proximo)|"
    r"begin (?:van )?(?:de )?volgende maand|"
    r"(?:all')?inizio (?:del )?(?:mese prossimo|prossimo mese|mese successivo)|"
    r"(?:ai )?primi del (?:mese prossimo|prossimo mese)"
)
_MID_MONTH = (
    r"mid-month|mid month|the middle of (?:the |this )?month|mitte (?:des|dieses) monats|"
    r"monatsmitte|(?:a la )?mi-mois|(?:a )?mediados de(?:l)? mes|(?:half|medio) (?:van )?de(?:ze)? "
    r"maand|(?:a )?meta (?:del )?mese"
)
_NEXT_MID_MONTH = (
    r"mid-next month|mid next month|(?:the )?middle of next month|"
    r"mitte (?:des )?(?:nachsten|kommenden|folgenden) monats|(?:a la )?mi-mois prochain|"
    r"(?:a )?mediados del (?:mes que viene|proximo mes)|(?:half|medio) volgende maand|"
    r"(?:a )?meta del (?:mese prossimo|prossimo mese)"
)
_NEXT_MONTH = (
    r"next month|the following month|(?:im )?nachsten monat|(?:im )?kommenden monat|"
    r"le mois prochain|el mes que viene|el proximo mes|el mes proximo|volgende maand|"
    r"il mese prossimo|il prossimo mese|el mes entrante"
)
_YEAR_END = (
    r"(?:the )?end of (?:the |this )?year|jahresende|zum jahresende|"
    rf"{_BY_THE}year[- ]end|"
    r"ende (?:des |dieses )?jahres|(?:la )?fin (?:de l'|d')annee|fin (?:de l')?annee|"
    r"(?:a )?fin(?:ales)? de(?:l)? ano|fin de ano|eind(?:e)? van (?:het|dit) jaar|jaareinde|"
    r"fine (?:dell')?anno|entro l'anno"
)
_QUARTER_END = (
    r"(?:the )?end of (?:the |this )?quarter|quartalsende|ende (?:des )?quartals|"
    rf"{_BY_THE}quarter[- ]end|"
    r"fin (?:du )?trimestre|fin(?:ales)? del trimestre|eind(?:e)? van het kwartaal|"
    r"fine (?:del )?trimestre"
)
_BEFORE_CHRISTMAS = (
    r"before christmas|vor weihnachten|avant noel|antes de navidad|voor (?:de )?kerst(?:mis)?|"
    r"prima di natale|prima delle feste|entro natale"
)
_END_OF = r"(?:the )?end of|ende|ultimo|fin(?:ales)?(?: de)?|fin de|eind(?:e)?|fine(?: di)?"
_MID = r"mid-|mid |middle of |mitte |mi-|a mediados de |mediados de |half |medio |meta |a meta "
_START_OF = (
    r"early|(?:the )?(?:beginning|start) of|anfang|anfangs|(?:au |en )?debut|"
    r"(?:a )?(?:principios|primeros|comienzos|inicios) de|begin(?: van)?|"
    r"(?:all')?inizio(?: di)?|(?:ai |i )?primi di"
)
_IN_MONTH = (
    r"in|during|im|im laufe des|en|courant|dans le courant de|au cours du mois de|durante|"
    r"en el mes de|a lo largo de|in de loop van|nel mese di|nel corso di|a|entro"
)
_WEEK_END = (  # the current week's Friday
    r"(?:the )?end of (?:the |this )?week|(?:by )?the weekend|later this week|within the week|"
    r"(?:sometime |some time )?this week|"
    r"ende (?:der |dieser )?woche|im laufe (?:der|dieser) woche|noch diese woche|diese woche|"
    r"(?:en |d'ici (?:la )?|a la )?fin (?:de )?(?:la |cette )?semaine|cette semaine|"
    r"dans la semaine|courant de la semaine|"
    r"(?:a )?fin(?:ales)? de (?:esta |la )?semana|final de (?:esta |la )?semana|"
    r"esta (?:misma )?semana|"
    r"en el transcurso de la semana|a lo largo de la semana|"
    r"eind(?:e)? (?:van )?(?:deze|de) week|deze week|in de loop van de week|"
    r"(?:la )?fine (?:della |di questa )?settimana|fine settimana|questa settimana|in settimana|"
    r"entro la settimana|(?:vor dem|bis zum|zum) wochenende|(?:avant le|d'ici le) week-?end|"
    r"antes del fin de semana|(?:voor|tegen) het weekend|(?:prima del|entro il) weekend"
)
_NEXT_WEEK_END = (  # the next week's Friday
    r"(?:the )?end of (?:the )?(?:next|following) week|"
    r"ende (?:der )?(?:nachste[nr]?|kommende[nr]?|folgende[nr]?) woche|"
    r"(?:la )?fin de la semaine (?:prochaine|suivante)|"
    r"(?:a )?fin(?:ales)? de la (?:semana que viene|proxima semana|semana proxima)|"
    r"eind(?:e)? (?:van )?(?:de )?volgende week|"
    r"(?:la )?fine (?:della )?(?:prossima settimana|settimana prossima)|"
    r"in the course of next week|im laufe der (?:nachsten|kommenden) woche|"
    r"dans le courant de la semaine prochaine|a lo largo de la (?:semana que viene|proxima semana)|"
    r"in de loop van volgende week|nel corso della (?:prossima settimana|settimana prossima)|"
    rf"{_NEXT_WEEK}"
)
_NEXT_WEEK_START = (  # the next week's Monday
    r"early next week|(?:at )?the (?:beginning|start) of next week|"
    r"anfang (?:der )?(?:nachste[nr]?|kommende[nr]?) woche|"
    r"zu beginn der (?:nachsten|kommenden) woche|"
    r"(?:en |au )?debut (?:de )?(?:la )?semaine prochaine|"
    r"(?:a )?(?:principios|comienzos|inicios) de la (?:semana que viene|proxima semana)|"
    r"begin (?:van )?(?:de )?volgende week|"
    r"(?:all'|a |ad )?inizio (?:della )?(?:prossima settimana|settimana prossima)"
)
_AFTER_WEEKEND = (  # the next Monday
    r"after the weekend|nach dem wochenende|apres le week-?end|despues del fin de semana|"
    r"na het weekend|dopo il (?:weekend|fine settimana)"
)
_NEXT_WEEK_MID = (  # the next week's Wednesday
    r"mid-next week|mid next week|(?:the )?middle of next week|"
    r"mitte (?:der )?(?:nachste[nr]?|kommende[nr]?) woche|"
    r"(?:en |au )?milieu de (?:la )?semaine prochaine|"
    r"(?:a )?mediados de la (?:semana que viene|proxima semana)|"
    r"(?:midden|half) volgende week|"
    r"(?:a )?meta (?:della )?(?:prossima settimana|settimana prossima)"
)
_WEEK_AFTER_NEXT = r"the week after next|ubernachste[nr]? woche"
_LAST_WEEK = (
    r"last week|letzte woche|letzten woche|vergangene woche|"
    r"la semaine (?:derniere|passee)|la semana pasada|vorige week|afgelopen week|"
    r"la settimana scorsa|la scorsa settimana"
)
_EARLIER_THIS_WEEK = (
    r"earlier this week|(?:am )?anfang (?:der|dieser) woche|plus tot cette semaine|"
    r"a principios de (?:esta|la) semana|eerder deze week|all'inizio (?:della|di questa) settimana"
)
_CALENDAR_WEEK = r"calendar week|cal\.? week|week|wk|cw|kw|kalenderwoche|semaine|semana|settimana"
_IN_N = (
    r"in|within|in the next|within the next|over the next|in about|in around|"
    r"innerhalb von|innerhalb|innert|binnen|in den nachsten|in den kommenden|"
    r"innerhalb der nachsten|innerhalb der kommenden|in etwa|"
    r"dans|sous|d'ici|dans les|dans les prochains|sous les|d'ici les|"
    r"en|dentro de|en el plazo de|en un plazo de|en los proximos|en las proximas|"
    r"dentro de los proximos|de aqui a|"
    r"over|binnen de|in de komende|binnen de komende|"
    r"tra|fra|entro|nel giro di|nei prossimi|entro i prossimi|da qui a"
)
_FROM_NOW = (
    r"from now|from today|ab heute|a compter d'aujourd'hui|a partir d'aujourd'hui|"
    r"a partir de hoy|vanaf vandaag|vanaf nu|a partire da oggi|da oggi"
)


# Words that may follow a bare day number ("le 30 au plus tard", "il 30 e non oltre").
_AFTER_DAY = (
    r"(?=\s*(?:$|[.,;:!?)\n]|-\s|(?:at the latest|latest|at|or|and|when|as|if|we|i|you|via|so|"
    r"then|once|please|au plus tard|dernier delai|et|ou|nous|je|on|sans faute|par|"
    r"a mas tardar|como muy tarde|sin falta|y|o|lo|la|le|les|los|las|"
    r"uiterlijk|en|of|wij|ik|zonder|al piu tardi|e non oltre|e|noi|senza|tramite|con|"
    r"mit|und|oder|wir|ich|spatestens|per)\b))"
)
# German "am 2. Werktag": an ordinal before a noun is no date.
_NOT_A_DAY_DE = (
    r"(?!\s*(?:werktag|arbeitstag|bankarbeitstag|geschaftstag|tag|mahnung|rate|quartal|monat|"
    r"woche|kw|kalenderwoche|lieferung|mal|stock|og|etage|jahr|halbjahr|platz|teil|pos|"
    r"zahlungserinnerung|erinnerung|rechnung|abschlag|teilzahlung|punkt|absatz|seite|"
    r"[a-z]*(?:januar|februar|marz|april|mai|juni|juli|august|september|oktober|november|"
    r"dezember))\b)"
)
_REL_MONTH = (
    r"(?P<rel>of (?:this|the|next|the next|the following|the current) month|"
    r"(?:des |dieses |diesen )?monats|d\.\s?m\.|(?:des )?(?:nachsten|kommenden|folgenden) "
    r"monats|n\.\s?m\.|"
    r"de ce mois(?:-ci)?|du mois(?: en cours| prochain| courant| suivant)?|"
    r"de este mes|del mes(?: en curso| corriente| que viene| proximo| siguiente)?|del corriente|"
    r"del proximo mes|del presente mes|"
    r"van (?:deze|de|dit|volgende|de volgende|komende) maand|"
    r"c\.\s?m\.?|p\.\s?v\.?|u\.\s?s\.?|di questo mese|del mese(?: prossimo| corrente| in corso"
    r"| successivo)?|del prossimo mese|del mese successivo)"
)
