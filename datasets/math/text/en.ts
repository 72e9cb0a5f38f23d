/** English wording; also the parallel version every other language's problem carries (Luar's translator). */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `$${x}`;

export const englishTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `Maria has ${v.a} apples. She buys ${v.b} more apples. How many apples does she have now?`,
    steps: [`Maria now has ${v.a} + ${v.b} = ${v.total} apples.`],
  }),
  water_left: (v) => ({
    question: `A bottle holds ${v.a} L of water. Tom drinks ${v.b} L. How much water is left in the bottle?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, so ${v.left} L of water is left in the bottle.`],
  }),
  boxes_total: (v) => ({
    question: `A shop has ${v.boxes} boxes of pencils with ${v.per} pencils in each box. How many pencils does the shop have?`,
    steps: [`The shop has ${v.boxes} × ${v.per} = ${v.total} pencils.`],
  }),
  share_equally: (v) => ({
    question: `${v.total} cookies are shared equally among ${v.kids} children. How many cookies does each child get?`,
    steps: [`Each child gets ${v.total} ÷ ${v.kids} = ${v.each} cookies.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} kg of rice costs ${money(v.cost)}. What is the price of rice per kilogram?`,
    steps: [`Rice costs ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)} per kilogram.`],
  }),
  percent_of_class: (v) => ({
    question: `A school has ${v.students} students. ${v.pct} of them walk to school. How many students walk to school?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, so ${v.walk} students walk to school.`],
  }),
  shop_change: (v) => ({
    question: `Leo buys ${v.n} notebooks for ${money(v.price)} each. He pays with ${money(v.paid)}. How much change does he get?`,
    steps: [
      `The notebooks cost ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `His change is ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}.`,
    ],
  }),
  discount: (v) => ({
    question: `A bicycle costs ${money(v.price)}. The shop gives a ${v.pct} discount. What is the price after the discount?`,
    steps: [
      `The discount is ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `The price after the discount is ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `A car travels ${v.km} km on ${v.liters} L of fuel. How far can it travel on ${v.more} L of fuel at the same rate?`,
    steps: [
      `The car travels ${v.km} ÷ ${v.liters} = ${v.rate} km per litre.`,
      `On ${v.more} L it travels ${v.rate} × ${v.more} = ${v.far} km.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `A bakery bakes ${v.trays} trays of muffins with ${v.per} muffins on each tray. ` +
      `It sells ${v.sold} muffins and packs the rest in boxes of ${v.box}. How many boxes does it fill?`,
    steps: [
      `The bakery bakes ${v.trays} × ${v.per} = ${v.total} muffins.`,
      `After the sale, ${v.total} - ${v.sold} = ${v.rest} muffins are left.`,
      `It fills ${v.rest} ÷ ${v.box} = ${v.boxes} boxes.`,
    ],
  }),
  savings: (v) => ({
    question:
      `Ana earns ${money(v.wage)} per hour and works ${v.hours} hours this month. ` +
      `She spends ${v.pct} of her earnings and saves the rest. How much does she save this month?`,
    steps: [
      `She earns ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `She spends ${money(v.earned)} × ${v.pct} = ${money(v.spent)}.`,
      `She saves ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Sara buys ${v.apples} kg of apples at ${money(v.applePrice)} per kg and ${v.oranges} kg of oranges at ` +
      `${money(v.orangePrice)} per kg. She pays with ${money(v.paid)}. How much change does she get?`,
    steps: [
      `The apples cost ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `The oranges cost ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `Together she pays ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `Her change is ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `At the school fair, the students sell ${v.cupcakes} cupcakes at ${money(v.cupcakePrice)} each and ` +
      `${v.cookies} cookies at ${money(v.cookiePrice)} each. The money is shared equally among ${v.classes} classes. ` +
      `How much does each class get?`,
    steps: [
      `The cupcakes bring in ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}.`,
      `The cookies bring in ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}.`,
      `In total the fair raises ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}.`,
      `Each class gets ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}.`,
    ],
  }),
};
