/** Swahili wording; numbers follow the noun as digits ("machungwa 12"), which needs no class agreement. */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `shilingi ${x}`;

export const swahiliTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `Juma ana matufaha ${v.a}. Ananunua matufaha mengine ${v.b}. Sasa ana matufaha mangapi?`,
    steps: [`Sasa Juma ana matufaha ${v.a} + ${v.b} = ${v.total}.`],
  }),
  water_left: (v) => ({
    question: `Chupa ina lita ${v.a} za maji. Amina anakunywa lita ${v.b}. Yamebaki maji kiasi gani kwenye chupa?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, kwa hiyo kwenye chupa yamebaki maji lita ${v.left}.`],
  }),
  boxes_total: (v) => ({
    question: `Duka lina masanduku ${v.boxes} ya penseli, na kila sanduku lina penseli ${v.per}. Duka lina penseli ngapi kwa jumla?`,
    steps: [`Duka lina penseli ${v.boxes} × ${v.per} = ${v.total} kwa jumla.`],
  }),
  share_equally: (v) => ({
    question: `Biskuti ${v.total} zinagawanywa sawasawa kwa watoto ${v.kids}. Kila mtoto anapata biskuti ngapi?`,
    steps: [`Kila mtoto anapata biskuti ${v.total} ÷ ${v.kids} = ${v.each}.`],
  }),
  price_per_kg: (v) => ({
    question: `Kilo ${v.kg} za mchele zinagharimu ${money(v.cost)}. Bei ya kilo moja ya mchele ni kiasi gani?`,
    steps: [`Kilo moja ya mchele inagharimu ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}.`],
  }),
  percent_of_class: (v) => ({
    question: `Shule ina wanafunzi ${v.students}. ${v.pct} yao wanatembea kwa miguu kwenda shuleni. Ni wanafunzi wangapi wanaotembea kwa miguu kwenda shuleni?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, kwa hiyo wanafunzi ${v.walk} wanatembea kwa miguu kwenda shuleni.`],
  }),
  shop_change: (v) => ({
    question: `Baraka ananunua madaftari ${v.n} kwa ${money(v.price)} kila moja. Analipa ${money(v.paid)}. Atarudishiwa chenji kiasi gani?`,
    steps: [
      `Madaftari yanagharimu ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `Chenji ni ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}.`,
    ],
  }),
  discount: (v) => ({
    question: `Baiskeli inagharimu ${money(v.price)}. Duka linatoa punguzo la ${v.pct}. Bei baada ya punguzo ni kiasi gani?`,
    steps: [
      `Punguzo ni ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `Bei baada ya punguzo ni ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `Gari linasafiri kilomita ${v.km} kwa lita ${v.liters} za mafuta. Kwa kiwango hicho hicho, litasafiri kilomita ngapi kwa lita ${v.more}?`,
    steps: [
      `Kwa kila lita, gari linasafiri kilomita ${v.km} ÷ ${v.liters} = ${v.rate}.`,
      `Kwa lita ${v.more}, litasafiri kilomita ${v.rate} × ${v.more} = ${v.far}.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `Duka la mikate linaoka trei ${v.trays} za keki, na kila trei ina keki ${v.per}. Linauza keki ${v.sold} ` +
      `na kuweka zilizobaki kwenye masanduku, keki ${v.box} kila sanduku. Linajaza masanduku mangapi?`,
    steps: [
      `Duka linaoka keki ${v.trays} × ${v.per} = ${v.total}.`,
      `Baada ya mauzo zinabaki keki ${v.total} - ${v.sold} = ${v.rest}.`,
      `Linajaza masanduku ${v.rest} ÷ ${v.box} = ${v.boxes}.`,
    ],
  }),
  savings: (v) => ({
    question:
      `Neema analipwa ${money(v.wage)} kwa saa na mwezi huu anafanya kazi saa ${v.hours}. Anatumia ${v.pct} ` +
      `ya mapato yake na kuweka akiba kiasi kinachobaki. Mwezi huu anaweka akiba kiasi gani?`,
    steps: [
      `Mapato yake ni ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `Anatumia ${money(v.earned)} × ${v.pct} = ${money(v.spent)}.`,
      `Anaweka akiba ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Amina ananunua kilo ${v.apples} za matufaha kwa ${money(v.applePrice)} kwa kilo na kilo ${v.oranges} za ` +
      `machungwa kwa ${money(v.orangePrice)} kwa kilo. Analipa ${money(v.paid)}. Atarudishiwa chenji kiasi gani?`,
    steps: [
      `Matufaha yanagharimu ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `Machungwa yanagharimu ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `Kwa jumla analipa ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `Chenji ni ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `Kwenye maonyesho ya shule, wanafunzi wanauza keki ${v.cupcakes} kwa ${money(v.cupcakePrice)} kila moja na ` +
      `biskuti ${v.cookies} kwa ${money(v.cookiePrice)} kila moja. Pesa zinagawanywa sawasawa kwa madarasa ` +
      `${v.classes}. Kila darasa linapata kiasi gani?`,
    steps: [
      `Keki zinaleta ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}.`,
      `Biskuti zinaleta ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}.`,
      `Kwa jumla maonyesho yanaleta ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}.`,
      `Kila darasa linapata ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}.`,
    ],
  }),
};
