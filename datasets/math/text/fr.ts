/** French wording (no-break space before "?" and "€", as French typography requires). */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x}\u00a0€`;

export const frenchTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `Marie a ${v.a} pommes. Elle achète encore ${v.b} pommes. Combien de pommes a-t-elle maintenant\u00a0?`,
    steps: [`Marie a maintenant ${v.a} + ${v.b} = ${v.total} pommes.`],
  }),
  water_left: (v) => ({
    question: `Une bouteille contient ${v.a} L d'eau. Tom boit ${v.b} L. Combien d'eau reste-t-il dans la bouteille\u00a0?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, donc il reste ${v.left} L d'eau dans la bouteille.`],
  }),
  boxes_total: (v) => ({
    question: `Un magasin a ${v.boxes} boîtes de crayons, avec ${v.per} crayons dans chaque boîte. Combien de crayons le magasin a-t-il\u00a0?`,
    steps: [`Le magasin a ${v.boxes} × ${v.per} = ${v.total} crayons.`],
  }),
  share_equally: (v) => ({
    question: `On partage ${v.total} biscuits équitablement entre ${v.kids} enfants. Combien de biscuits chaque enfant reçoit-il\u00a0?`,
    steps: [`Chaque enfant reçoit ${v.total} ÷ ${v.kids} = ${v.each} biscuits.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} kg de riz coûtent ${money(v.cost)}. Quel est le prix du riz au kilogramme\u00a0?`,
    steps: [`Le riz coûte ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)} le kilogramme.`],
  }),
  percent_of_class: (v) => ({
    question: `Une école compte ${v.students} élèves. ${v.pct} d'entre eux vont à l'école à pied. Combien d'élèves vont à l'école à pied\u00a0?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, donc ${v.walk} élèves vont à l'école à pied.`],
  }),
  shop_change: (v) => ({
    question: `Léo achète ${v.n} cahiers à ${money(v.price)} l'un. Il paie avec ${money(v.paid)}. Combien d'argent lui rend-on\u00a0?`,
    steps: [
      `Les cahiers coûtent ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `On lui rend ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}.`,
    ],
  }),
  discount: (v) => ({
    question: `Un vélo coûte ${money(v.price)}. Le magasin accorde une remise de ${v.pct}. Quel est le prix après la remise\u00a0?`,
    steps: [
      `La remise est de ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `Le prix après la remise est de ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `Une voiture parcourt ${v.km} km avec ${v.liters} L de carburant. Quelle distance peut-elle parcourir avec ${v.more} L à la même consommation\u00a0?`,
    steps: [
      `La voiture parcourt ${v.km} ÷ ${v.liters} = ${v.rate} km par litre.`,
      `Avec ${v.more} L, elle parcourt ${v.rate} × ${v.more} = ${v.far} km.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `Une boulangerie fait cuire ${v.trays} plaques de muffins, avec ${v.per} muffins sur chaque plaque. ` +
      `Elle vend ${v.sold} muffins et range le reste dans des boîtes de ${v.box}. Combien de boîtes remplit-elle\u00a0?`,
    steps: [
      `La boulangerie fait cuire ${v.trays} × ${v.per} = ${v.total} muffins.`,
      `Après la vente, il reste ${v.total} - ${v.sold} = ${v.rest} muffins.`,
      `Elle remplit ${v.rest} ÷ ${v.box} = ${v.boxes} boîtes.`,
    ],
  }),
  savings: (v) => ({
    question:
      `Ana gagne ${money(v.wage)} de l'heure et travaille ${v.hours} heures ce mois-ci. ` +
      `Elle dépense ${v.pct} de ce qu'elle gagne et économise le reste. Combien économise-t-elle ce mois-ci\u00a0?`,
    steps: [
      `Elle gagne ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `Elle dépense ${money(v.earned)} × ${v.pct} = ${money(v.spent)}.`,
      `Elle économise ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Sara achète ${v.apples} kg de pommes à ${money(v.applePrice)} le kilo et ${v.oranges} kg d'oranges à ` +
      `${money(v.orangePrice)} le kilo. Elle paie avec ${money(v.paid)}. Combien d'argent lui rend-on\u00a0?`,
    steps: [
      `Les pommes coûtent ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `Les oranges coûtent ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `Au total, elle paie ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `On lui rend ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `À la fête de l'école, les élèves vendent ${v.cupcakes} muffins à ${money(v.cupcakePrice)} l'un et ` +
      `${v.cookies} biscuits à ${money(v.cookiePrice)} l'un. L'argent est partagé équitablement entre ` +
      `${v.classes} classes. Combien d'argent chaque classe reçoit-elle\u00a0?`,
    steps: [
      `Les muffins rapportent ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}.`,
      `Les biscuits rapportent ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}.`,
      `Au total, la fête rapporte ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}.`,
      `Chaque classe reçoit ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}.`,
    ],
  }),
};
