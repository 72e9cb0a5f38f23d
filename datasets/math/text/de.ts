/** German wording. */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x}\u00a0€`;

export const germanTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `Maria hat ${v.a} Äpfel. Sie kauft noch ${v.b} Äpfel dazu. Wie viele Äpfel hat sie jetzt?`,
    steps: [`Maria hat jetzt ${v.a} + ${v.b} = ${v.total} Äpfel.`],
  }),
  water_left: (v) => ({
    question: `In einer Flasche sind ${v.a} L Wasser. Tom trinkt ${v.b} L davon. Wie viel Wasser ist noch in der Flasche?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, also enthält die Flasche noch ${v.left} L Wasser.`],
  }),
  boxes_total: (v) => ({
    question: `Ein Laden hat ${v.boxes} Schachteln mit je ${v.per} Bleistiften. Wie viele Bleistifte hat der Laden?`,
    steps: [`Der Laden hat ${v.boxes} × ${v.per} = ${v.total} Bleistifte.`],
  }),
  share_equally: (v) => ({
    question: `${v.total} Kekse werden gleichmäßig an ${v.kids} Kinder verteilt. Wie viele Kekse bekommt jedes Kind?`,
    steps: [`Jedes Kind bekommt ${v.total} ÷ ${v.kids} = ${v.each} Kekse.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} kg Reis kosten ${money(v.cost)}. Wie viel kostet ein Kilogramm Reis?`,
    steps: [`Ein Kilogramm Reis kostet ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}.`],
  }),
  percent_of_class: (v) => ({
    question: `Eine Schule hat ${v.students} Kinder. ${v.pct} von ihnen gehen zu Fuß zur Schule. Wie viele Kinder gehen zu Fuß zur Schule?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, also gehen ${v.walk} Kinder zu Fuß zur Schule.`],
  }),
  shop_change: (v) => ({
    question: `Leo kauft ${v.n} Hefte zu je ${money(v.price)}. Er bezahlt mit ${money(v.paid)}. Wie viel Wechselgeld bekommt er?`,
    steps: [
      `Die Hefte kosten ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `Er bekommt ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)} zurück.`,
    ],
  }),
  discount: (v) => ({
    question: `Ein Fahrrad kostet ${money(v.price)}. Der Laden gibt ${v.pct} Rabatt. Wie viel kostet das Fahrrad mit Rabatt?`,
    steps: [
      `Der Rabatt beträgt ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `Mit Rabatt kostet das Fahrrad ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `Ein Auto fährt mit ${v.liters} L Benzin ${v.km} km weit. Wie weit fährt es bei gleichem Verbrauch mit ${v.more} L?`,
    steps: [
      `Das Auto fährt ${v.km} ÷ ${v.liters} = ${v.rate} km pro Liter.`,
      `Mit ${v.more} L fährt es ${v.rate} × ${v.more} = ${v.far} km weit.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `Eine Bäckerei backt ${v.trays} Bleche Muffins mit je ${v.per} Muffins. Sie verkauft ${v.sold} Muffins ` +
      `und packt den Rest in Schachteln zu je ${v.box} Stück. Wie viele Schachteln füllt sie?`,
    steps: [
      `Die Bäckerei backt ${v.trays} × ${v.per} = ${v.total} Muffins.`,
      `Nach dem Verkauf bleiben ${v.total} - ${v.sold} = ${v.rest} Muffins übrig.`,
      `Sie füllt ${v.rest} ÷ ${v.box} = ${v.boxes} Schachteln.`,
    ],
  }),
  savings: (v) => ({
    question:
      `Ana verdient ${money(v.wage)} pro Stunde und arbeitet diesen Monat ${v.hours} Stunden. ` +
      `Sie gibt ${v.pct} ihres Verdienstes aus und spart den Rest. Wie viel spart sie diesen Monat?`,
    steps: [
      `Sie verdient ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `Sie gibt ${money(v.earned)} × ${v.pct} = ${money(v.spent)} aus.`,
      `Sie spart ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Sara kauft ${v.apples} kg Äpfel zu ${money(v.applePrice)} pro kg und ${v.oranges} kg Orangen zu ` +
      `${money(v.orangePrice)} pro kg. Sie bezahlt mit ${money(v.paid)}. Wie viel Wechselgeld bekommt sie?`,
    steps: [
      `Die Äpfel kosten ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `Die Orangen kosten ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `Zusammen bezahlt sie ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `Sie bekommt ${money(v.paid)} - ${money(v.total)} = ${money(v.change)} zurück.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `Beim Schulfest verkaufen die Kinder ${v.cupcakes} Muffins zu je ${money(v.cupcakePrice)} und ` +
      `${v.cookies} Kekse zu je ${money(v.cookiePrice)}. Das Geld wird gleichmäßig unter ${v.classes} Klassen ` +
      `aufgeteilt. Wie viel Geld bekommt jede Klasse?`,
    steps: [
      `Die Muffins bringen ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)} ein.`,
      `Die Kekse bringen ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)} ein.`,
      `Insgesamt bringt das Fest ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)} ein.`,
      `Jede Klasse bekommt ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}.`,
    ],
  }),
};
