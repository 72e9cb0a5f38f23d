/** Japanese wording; every counted noun has its fixed counter (個, 本, 枚, 冊, 箱, 人). */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x}円`;

export const japaneseTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `はなさんはりんごを${v.a}個持っています。さらにりんごを${v.b}個買いました。はなさんは今りんごを何個持っていますか。`,
    steps: [`はなさんは今りんごを${v.a} + ${v.b} = ${v.total}個持っています。`],
  }),
  water_left: (v) => ({
    question: `ボトルに水が${v.a}L入っています。たろうさんが${v.b}L飲みました。ボトルに水は何L残っていますか。`,
    steps: [`${v.a} - ${v.b} = ${v.left}なので、ボトルに水が${v.left}L残っています。`],
  }),
  boxes_total: (v) => ({
    question: `お店に鉛筆の箱が${v.boxes}箱あります。どの箱にも鉛筆が${v.per}本入っています。鉛筆は全部で何本ありますか。`,
    steps: [`鉛筆は全部で${v.boxes} × ${v.per} = ${v.total}本あります。`],
  }),
  share_equally: (v) => ({
    question: `クッキー${v.total}枚を${v.kids}人の子どもで同じ数ずつ分けます。ひとり何枚もらえますか。`,
    steps: [`ひとり${v.total} ÷ ${v.kids} = ${v.each}枚もらえます。`],
  }),
  price_per_kg: (v) => ({
    question: `お米${v.kg}kgの値段は${money(v.cost)}です。お米1kgあたりの値段はいくらですか。`,
    steps: [`お米1kgあたりの値段は${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}です。`],
  }),
  percent_of_class: (v) => ({
    question: `ある学校には生徒が${v.students}人います。そのうち${v.pct}が歩いて通学しています。歩いて通学している生徒は何人ですか。`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}なので、歩いて通学している生徒は${v.walk}人です。`],
  }),
  shop_change: (v) => ({
    question: `けんさんは1冊${money(v.price)}のノートを${v.n}冊買い、${money(v.paid)}払いました。おつりはいくらですか。`,
    steps: [
      `ノートの代金は${v.n} × ${money(v.price)} = ${money(v.cost)}です。`,
      `おつりは${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}です。`,
    ],
  }),
  discount: (v) => ({
    question: `自転車の値段は${money(v.price)}です。お店が${v.pct}引きにしてくれます。割引後の値段はいくらですか。`,
    steps: [
      `割引額は${money(v.price)} × ${v.pct} = ${money(v.disc)}です。`,
      `割引後の値段は${money(v.price)} - ${money(v.disc)} = ${money(v.final)}です。`,
    ],
  }),
  distance_rate: (v) => ({
    question: `ある車はガソリン${v.liters}Lで${v.km}km走ります。同じ燃費で、ガソリン${v.more}Lでは何km走りますか。`,
    steps: [
      `ガソリン1Lあたり${v.km} ÷ ${v.liters} = ${v.rate}km走ります。`,
      `ガソリン${v.more}Lでは${v.rate} × ${v.more} = ${v.far}km走ります。`,
    ],
  }),
  bakery: (v) => ({
    question:
      `パン屋さんがマフィンを天板${v.trays}枚で焼きました。どの天板にもマフィンが${v.per}個のっています。` +
      `そのうち${v.sold}個を売り、残りを${v.box}個ずつ箱に詰めます。何箱いっぱいになりますか。`,
    steps: [
      `焼いたマフィンは${v.trays} × ${v.per} = ${v.total}個です。`,
      `売ったあと、${v.total} - ${v.sold} = ${v.rest}個残ります。`,
      `${v.rest} ÷ ${v.box} = ${v.boxes}箱いっぱいになります。`,
    ],
  }),
  savings: (v) => ({
    question:
      `ゆいさんは時給${money(v.wage)}で、今月は${v.hours}時間働きます。収入の${v.pct}を使い、残りを貯金します。` +
      `今月はいくら貯金しますか。`,
    steps: [
      `収入は${money(v.wage)} × ${v.hours} = ${money(v.earned)}です。`,
      `使うお金は${money(v.earned)} × ${v.pct} = ${money(v.spent)}です。`,
      `貯金は${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}です。`,
    ],
  }),
  market_change: (v) => ({
    question:
      `さくらさんは1kgあたり${money(v.applePrice)}のりんごを${v.apples}kgと、1kgあたり${money(v.orangePrice)}のみかんを` +
      `${v.oranges}kg買い、${money(v.paid)}払いました。おつりはいくらですか。`,
    steps: [
      `りんごの代金は${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}です。`,
      `みかんの代金は${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}です。`,
      `代金の合計は${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}です。`,
      `おつりは${money(v.paid)} - ${money(v.total)} = ${money(v.change)}です。`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `学校のバザーで、1個${money(v.cupcakePrice)}のカップケーキを${v.cupcakes}個と、1枚${money(v.cookiePrice)}の` +
      `クッキーを${v.cookies}枚売りました。売り上げを${v.classes}クラスで同じ金額ずつ分けます。` +
      `1クラスあたりいくらになりますか。`,
    steps: [
      `カップケーキの売り上げは${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}です。`,
      `クッキーの売り上げは${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}です。`,
      `売り上げの合計は${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}です。`,
      `1クラスあたり${money(v.total)} ÷ ${v.classes} = ${money(v.each)}です。`,
    ],
  }),
};
