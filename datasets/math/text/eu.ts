/**
 * Basque wording. Percentages stand alone ("% 25") rather than taking a case suffix, because the suffix form
 * depends on how the number is pronounced (%20ko but %25eko).
 */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x}\u00a0€`;

export const basqueTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `Mirenek ${v.a} sagar ditu. Beste ${v.b} sagar erosten ditu. Zenbat sagar ditu orain?`,
    steps: [`Orain Mirenek ${v.a} + ${v.b} = ${v.total} sagar ditu.`],
  }),
  water_left: (v) => ({
    question: `Botila batean ${v.a} L ur dago. Tomek ${v.b} L edaten ditu. Zenbat ur geratzen da botilan?`,
    steps: [`${v.a} - ${v.b} = ${v.left}; beraz, botilan ${v.left} L ur geratzen da.`],
  }),
  boxes_total: (v) => ({
    question: `Denda batek ${v.boxes} kutxa arkatz ditu, eta kutxa bakoitzean ${v.per} arkatz daude. Zenbat arkatz ditu dendak?`,
    steps: [`Dendak ${v.boxes} × ${v.per} = ${v.total} arkatz ditu.`],
  }),
  share_equally: (v) => ({
    question: `${v.total} gaileta berdin banatzen dira ${v.kids} haurren artean. Zenbat gaileta jasotzen ditu haur bakoitzak?`,
    steps: [`Haur bakoitzak ${v.total} ÷ ${v.kids} = ${v.each} gaileta jasotzen ditu.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} kg arrozen prezioa ${money(v.cost)} da. Zenbat da arrozaren prezioa kiloko?`,
    steps: [`Arrozaren prezioa kiloko ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)} da.`],
  }),
  percent_of_class: (v) => ({
    question: `Eskola batean ${v.students} ikasle daude. Horietatik ${v.pct} oinez joaten dira eskolara. Zenbat ikasle joaten dira oinez eskolara?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}; beraz, ${v.walk} ikasle joaten dira oinez eskolara.`],
  }),
  shop_change: (v) => ({
    question: `Leok ${v.n} koaderno erosten ditu, ${money(v.price)} bakoitza. ${money(v.paid)} ordaintzen ditu. Zenbat diru itzuliko diote?`,
    steps: [
      `Koadernoek ${v.n} × ${money(v.price)} = ${money(v.cost)} balio dute.`,
      `${money(v.paid)} - ${money(v.cost)} = ${money(v.change)} itzuliko dizkiote.`,
    ],
  }),
  discount: (v) => ({
    question: `Bizikleta batek ${money(v.price)} balio du. Dendak deskontu bat egiten du: ${v.pct}. Zenbat balio du bizikletak deskontuarekin?`,
    steps: [
      `Deskontua ${money(v.price)} × ${v.pct} = ${money(v.disc)} da.`,
      `Deskontuarekin bizikletak ${money(v.price)} - ${money(v.disc)} = ${money(v.final)} balio du.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `Auto batek ${v.km} km egiten ditu ${v.liters} L erregairekin. Kontsumo berarekin, zenbat kilometro egin ditzake ${v.more} L erregairekin?`,
    steps: [
      `Autoak ${v.km} ÷ ${v.liters} = ${v.rate} km egiten ditu litroko.`,
      `${v.more} L erregairekin ${v.rate} × ${v.more} = ${v.far} km egin ditzake.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `Okindegi batek ${v.trays} erretilu magdalena egiten ditu, eta erretilu bakoitzean ${v.per} magdalena daude. ` +
      `${v.sold} magdalena saltzen ditu, eta gainerakoak kutxetan sartzen ditu, kutxa bakoitzean ${v.box}. ` +
      `Zenbat kutxa betetzen ditu?`,
    steps: [
      `Okindegiak ${v.trays} × ${v.per} = ${v.total} magdalena egiten ditu.`,
      `Salmentaren ondoren, ${v.total} - ${v.sold} = ${v.rest} magdalena geratzen dira.`,
      `${v.rest} ÷ ${v.box} = ${v.boxes} kutxa betetzen ditu.`,
    ],
  }),
  savings: (v) => ({
    question:
      `Anak ${money(v.wage)} irabazten ditu orduko, eta hilabete honetan ${v.hours} orduz egiten du lan. ` +
      `Irabazitakoaren ${v.pct} gastatzen du, eta gainerakoa aurrezten du. Zenbat diru aurrezten du hilabete honetan?`,
    steps: [
      `${money(v.wage)} × ${v.hours} = ${money(v.earned)} irabazten ditu.`,
      `${money(v.earned)} × ${v.pct} = ${money(v.spent)} gastatzen ditu.`,
      `${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)} aurrezten ditu.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Sarak ${v.apples} kg sagar erosten ditu, ${money(v.applePrice)} kiloa, eta ${v.oranges} kg laranja, ` +
      `${money(v.orangePrice)} kiloa. ${money(v.paid)} ordaintzen ditu. Zenbat diru itzuliko diote?`,
    steps: [
      `Sagarrek ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)} balio dute.`,
      `Laranjek ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)} balio dute.`,
      `Guztira ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)} ordaintzen ditu.`,
      `${money(v.paid)} - ${money(v.total)} = ${money(v.change)} itzuliko dizkiote.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `Eskolako azokan, ikasleek ${v.cupcakes} magdalena saltzen dituzte, ${money(v.cupcakePrice)} bakoitza, eta ` +
      `${v.cookies} gaileta, ${money(v.cookiePrice)} bakoitza. Dirua berdin banatzen da ${v.classes} gelaren artean. ` +
      `Zenbat diru jasotzen du gela bakoitzak?`,
    steps: [
      `Magdalenek ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)} ematen dituzte.`,
      `Gailetek ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)} ematen dituzte.`,
      `Guztira, azokak ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)} ematen ditu.`,
      `Gela bakoitzak ${money(v.total)} ÷ ${v.classes} = ${money(v.each)} jasotzen ditu.`,
    ],
  }),
};
