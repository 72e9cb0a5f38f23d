/**
 * Russian wording. Nouns counted by a number take the form the number requires (1 яблоко, 2 яблока, 5 яблок),
 * chosen with Intl.PluralRules; units use abbreviations (кг, л, км) and money the ruble sign, which never change form.
 */
import type { TemplateTexts } from '../templates';

// The ruble sign rather than "руб.", whose period would double the full stop at the end of a sentence.
const money = (x: string): string => `${x}\u00a0₽`;

const pluralRules = new Intl.PluralRules('ru');

/** The noun form for `count` in a nominative or inanimate-accusative position. */
function counted(count: number, one: string, few: string, many: string): string {
  const category = pluralRules.select(count);
  return category === 'one' ? one : category === 'few' ? few : many;
}

const apples = (n: number) => counted(n, 'яблоко', 'яблока', 'яблок');
const boxes = (n: number) => counted(n, 'коробка', 'коробки', 'коробок');
const boxesFilled = (n: number) => counted(n, 'коробку', 'коробки', 'коробок');
const pencils = (n: number) => counted(n, 'карандаш', 'карандаша', 'карандашей');
const cookies = (n: number) => counted(n, 'печенье', 'печенья', 'печений');
const pupils = (n: number) => counted(n, 'ученик', 'ученика', 'учеников');
const notebooks = (n: number) => counted(n, 'тетрадь', 'тетради', 'тетрадей');
const trays = (n: number) => counted(n, 'противень', 'противня', 'противней');
const muffins = (n: number) => counted(n, 'кекс', 'кекса', 'кексов');
const hours = (n: number) => counted(n, 'час', 'часа', 'часов');

export const russianTexts: TemplateTexts = {
  add_items: (v, n) => ({
    question: `У Маши ${v.a} ${apples(n.a)}. Она покупает ещё ${v.b} ${apples(n.b)}. Сколько яблок у неё теперь?`,
    steps: [`Теперь у Маши ${v.a} + ${v.b} = ${v.total} ${apples(n.total)}.`],
  }),
  water_left: (v) => ({
    question: `В бутылке ${v.a} л воды. Том выпил ${v.b} л. Сколько воды осталось в бутылке?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, значит, в бутылке осталось ${v.left} л воды.`],
  }),
  boxes_total: (v, n) => ({
    question:
      `В магазине ${v.boxes} ${boxes(n.boxes)} карандашей. В каждой коробке ${v.per} ${pencils(n.per)}. ` +
      `Сколько всего карандашей в магазине?`,
    steps: [`Всего в магазине ${v.boxes} × ${v.per} = ${v.total} ${pencils(n.total)}.`],
  }),
  share_equally: (v, n) => ({
    question: `Мама делит ${v.total} ${cookies(n.total)} поровну между ${v.kids} детьми. Сколько печений получит каждый ребёнок?`,
    steps: [`Каждый ребёнок получит ${v.total} ÷ ${v.kids} = ${v.each} ${cookies(n.each)}.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} кг риса стоят ${money(v.cost)}. Сколько стоит килограмм риса?`,
    steps: [`Килограмм риса стоит ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}.`],
  }),
  percent_of_class: (v, n) => ({
    question: `В школе ${v.students} ${pupils(n.students)}. ${v.pct} из них ходят в школу пешком. Сколько учеников ходит в школу пешком?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, значит, пешком в школу ходит ${v.walk} ${pupils(n.walk)}.`],
  }),
  shop_change: (v, n) => ({
    question: `Лёва покупает ${v.n} ${notebooks(n.n)} по ${money(v.price)} за штуку. Он платит ${money(v.paid)}. Сколько сдачи он получит?`,
    steps: [
      `Тетради стоят ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `Сдача составит ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}.`,
    ],
  }),
  discount: (v) => ({
    question: `Велосипед стоит ${money(v.price)}. Магазин даёт скидку ${v.pct}. Сколько стоит велосипед со скидкой?`,
    steps: [
      `Скидка составляет ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `Со скидкой велосипед стоит ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `Автомобиль проезжает ${v.km} км на ${v.liters} л бензина. Сколько километров он проедет на ${v.more} л при таком же расходе?`,
    steps: [
      `На одном литре автомобиль проезжает ${v.km} ÷ ${v.liters} = ${v.rate} км.`,
      `На ${v.more} л он проедет ${v.rate} × ${v.more} = ${v.far} км.`,
    ],
  }),
  bakery: (v, n) => ({
    question:
      `Пекарня печёт ${v.trays} ${trays(n.trays)} кексов, на каждом противне ${v.per} ${muffins(n.per)}. ` +
      `Она продаёт ${v.sold} ${muffins(n.sold)}, а остальные раскладывает в коробки по ${v.box}\u00a0шт. ` +
      `Сколько коробок она заполнит?`,
    steps: [
      `Пекарня печёт ${v.trays} × ${v.per} = ${v.total} ${muffins(n.total)}.`,
      `После продажи остаётся ${v.total} - ${v.sold} = ${v.rest} ${muffins(n.rest)}.`,
      `Она заполнит ${v.rest} ÷ ${v.box} = ${v.boxes} ${boxesFilled(n.boxes)}.`,
    ],
  }),
  savings: (v, n) => ({
    question:
      `Аня зарабатывает ${money(v.wage)} в час и в этом месяце работает ${v.hours} ${hours(n.hours)}. ` +
      `Она тратит ${v.pct} заработка, а остальное откладывает. Сколько она отложит в этом месяце?`,
    steps: [
      `Она заработает ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `Она потратит ${money(v.earned)} × ${v.pct} = ${money(v.spent)}.`,
      `Она отложит ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Сара покупает ${v.apples} кг яблок по ${money(v.applePrice)} за кг и ${v.oranges} кг апельсинов по ` +
      `${money(v.orangePrice)} за кг. Она платит ${money(v.paid)}. Сколько сдачи она получит?`,
    steps: [
      `Яблоки стоят ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `Апельсины стоят ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `Всего она платит ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `Сдача составит ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}.`,
    ],
  }),
  fundraiser: (v, n) => ({
    question:
      `На школьной ярмарке ученики продают ${v.cupcakes} ${muffins(n.cupcakes)} по ${money(v.cupcakePrice)} ` +
      `и ${v.cookies} ${cookies(n.cookies)} по ${money(v.cookiePrice)}. Деньги делят поровну между ` +
      `${v.classes} классами. Сколько денег получит каждый класс?`,
    steps: [
      `Кексы приносят ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}.`,
      `Печенье приносит ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}.`,
      `Всего ярмарка приносит ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}.`,
      `Каждый класс получит ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}.`,
    ],
  }),
};
