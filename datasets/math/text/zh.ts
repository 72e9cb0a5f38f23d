/** Simplified Chinese wording; every counted noun has its fixed measure word (个, 支, 块, 本, 盘, 盒). */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x}元`;

export const chineseTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `小明有${v.a}个苹果。他又买了${v.b}个苹果。他现在有多少个苹果？`,
    steps: [`小明现在有${v.a} + ${v.b} = ${v.total}个苹果。`],
  }),
  water_left: (v) => ({
    question: `一个瓶子里有${v.a}升水。小红喝了${v.b}升。瓶子里还剩多少升水？`,
    steps: [`${v.a} - ${v.b} = ${v.left}，所以瓶子里还剩${v.left}升水。`],
  }),
  boxes_total: (v) => ({
    question: `商店有${v.boxes}盒铅笔，每盒有${v.per}支。商店一共有多少支铅笔？`,
    steps: [`商店一共有${v.boxes} × ${v.per} = ${v.total}支铅笔。`],
  }),
  share_equally: (v) => ({
    question: `把${v.total}块饼干平均分给${v.kids}个孩子。每个孩子分到多少块饼干？`,
    steps: [`每个孩子分到${v.total} ÷ ${v.kids} = ${v.each}块饼干。`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg}千克大米要${money(v.cost)}。每千克大米多少钱？`,
    steps: [`每千克大米${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}。`],
  }),
  percent_of_class: (v) => ({
    question: `一所学校有${v.students}名学生，其中${v.pct}的学生步行上学。有多少名学生步行上学？`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}，所以有${v.walk}名学生步行上学。`],
  }),
  shop_change: (v) => ({
    question: `小刚买了${v.n}本笔记本，每本${money(v.price)}。他付了${money(v.paid)}。应该找回多少钱？`,
    steps: [
      `笔记本一共${v.n} × ${money(v.price)} = ${money(v.cost)}。`,
      `应找回${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}。`,
    ],
  }),
  discount: (v) => ({
    question: `一辆自行车售价${money(v.price)}。商店给${v.pct}的优惠。优惠后的价格是多少？`,
    steps: [
      `优惠金额是${money(v.price)} × ${v.pct} = ${money(v.disc)}。`,
      `优惠后的价格是${money(v.price)} - ${money(v.disc)} = ${money(v.final)}。`,
    ],
  }),
  distance_rate: (v) => ({
    question: `一辆汽车用${v.liters}升油行驶了${v.km}千米。按同样的油耗，${v.more}升油可以行驶多少千米？`,
    steps: [
      `每升油可以行驶${v.km} ÷ ${v.liters} = ${v.rate}千米。`,
      `${v.more}升油可以行驶${v.rate} × ${v.more} = ${v.far}千米。`,
    ],
  }),
  bakery: (v) => ({
    question: `面包店烤了${v.trays}盘松饼，每盘${v.per}个。卖出${v.sold}个后，剩下的每${v.box}个装一盒。可以装满多少盒？`,
    steps: [
      `面包店一共烤了${v.trays} × ${v.per} = ${v.total}个松饼。`,
      `卖出后还剩${v.total} - ${v.sold} = ${v.rest}个松饼。`,
      `可以装满${v.rest} ÷ ${v.box} = ${v.boxes}盒。`,
    ],
  }),
  savings: (v) => ({
    question: `小丽每小时挣${money(v.wage)}，这个月工作了${v.hours}小时。她花掉收入的${v.pct}，其余的存起来。她这个月存了多少钱？`,
    steps: [
      `她这个月挣了${money(v.wage)} × ${v.hours} = ${money(v.earned)}。`,
      `她花掉了${money(v.earned)} × ${v.pct} = ${money(v.spent)}。`,
      `她存了${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}。`,
    ],
  }),
  market_change: (v) => ({
    question:
      `小芳买了${v.apples}千克苹果，每千克${money(v.applePrice)}；又买了${v.oranges}千克橙子，` +
      `每千克${money(v.orangePrice)}。她付了${money(v.paid)}。应该找回多少钱？`,
    steps: [
      `苹果一共${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}。`,
      `橙子一共${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}。`,
      `一共要付${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}。`,
      `应找回${money(v.paid)} - ${money(v.total)} = ${money(v.change)}。`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `学校义卖会上，同学们卖出${v.cupcakes}个纸杯蛋糕，每个${money(v.cupcakePrice)}；又卖出${v.cookies}块饼干，` +
      `每块${money(v.cookiePrice)}。这些钱平均分给${v.classes}个班级。每个班级分到多少钱？`,
    steps: [
      `纸杯蛋糕收入${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}。`,
      `饼干收入${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}。`,
      `总收入是${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}。`,
      `每个班级分到${money(v.total)} ÷ ${v.classes} = ${money(v.each)}。`,
    ],
  }),
};
