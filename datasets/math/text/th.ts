/** Thai wording; numbers stand between spaces, each counted noun has its fixed classifier (ผล, แท่ง, ชิ้น, เล่ม). */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x} บาท`;

export const thaiTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `มานีมีแอปเปิล ${v.a} ผล เธอซื้อแอปเปิลมาเพิ่มอีก ${v.b} ผล ตอนนี้มานีมีแอปเปิลกี่ผล`,
    steps: [`ตอนนี้มานีมีแอปเปิล ${v.a} + ${v.b} = ${v.total} ผล`],
  }),
  water_left: (v) => ({
    question: `ขวดใบหนึ่งมีน้ำ ${v.a} ลิตร มานะดื่มน้ำไป ${v.b} ลิตร ในขวดเหลือน้ำกี่ลิตร`,
    steps: [`${v.a} - ${v.b} = ${v.left} ดังนั้นในขวดเหลือน้ำ ${v.left} ลิตร`],
  }),
  boxes_total: (v) => ({
    question: `ร้านค้ามีดินสอ ${v.boxes} กล่อง กล่องละ ${v.per} แท่ง ร้านค้ามีดินสอทั้งหมดกี่แท่ง`,
    steps: [`ร้านค้ามีดินสอทั้งหมด ${v.boxes} × ${v.per} = ${v.total} แท่ง`],
  }),
  share_equally: (v) => ({
    question: `แบ่งคุกกี้ ${v.total} ชิ้นให้เด็ก ${v.kids} คนเท่า ๆ กัน เด็กแต่ละคนจะได้คุกกี้กี่ชิ้น`,
    steps: [`เด็กแต่ละคนได้คุกกี้ ${v.total} ÷ ${v.kids} = ${v.each} ชิ้น`],
  }),
  price_per_kg: (v) => ({
    question: `ข้าวสาร ${v.kg} กิโลกรัม ราคา ${money(v.cost)} ข้าวสารราคากิโลกรัมละเท่าไร`,
    steps: [`ข้าวสารราคากิโลกรัมละ ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}`],
  }),
  percent_of_class: (v) => ({
    question: `โรงเรียนแห่งหนึ่งมีนักเรียน ${v.students} คน ในจำนวนนี้ ${v.pct} เดินมาโรงเรียน มีนักเรียนเดินมาโรงเรียนกี่คน`,
    steps: [`${v.students} × ${v.pct} = ${v.walk} ดังนั้นมีนักเรียนเดินมาโรงเรียน ${v.walk} คน`],
  }),
  shop_change: (v) => ({
    question: `สมชายซื้อสมุด ${v.n} เล่ม ราคาเล่มละ ${money(v.price)} เขาจ่ายเงินไป ${money(v.paid)} เขาจะได้เงินทอนเท่าไร`,
    steps: [
      `สมุดราคารวม ${v.n} × ${money(v.price)} = ${money(v.cost)}`,
      `เงินทอนคือ ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}`,
    ],
  }),
  discount: (v) => ({
    question: `จักรยานคันหนึ่งราคา ${money(v.price)} ร้านลดราคาให้ ${v.pct} ราคาหลังหักส่วนลดเป็นเท่าไร`,
    steps: [
      `ส่วนลดคือ ${money(v.price)} × ${v.pct} = ${money(v.disc)}`,
      `ราคาหลังหักส่วนลดคือ ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}`,
    ],
  }),
  distance_rate: (v) => ({
    question:
      `รถยนต์คันหนึ่งใช้น้ำมัน ${v.liters} ลิตร วิ่งได้ ${v.km} กิโลเมตร ถ้าใช้น้ำมันในอัตราเดิม ` +
      `น้ำมัน ${v.more} ลิตรจะวิ่งได้กี่กิโลเมตร`,
    steps: [
      `รถวิ่งได้ลิตรละ ${v.km} ÷ ${v.liters} = ${v.rate} กิโลเมตร`,
      `น้ำมัน ${v.more} ลิตร วิ่งได้ ${v.rate} × ${v.more} = ${v.far} กิโลเมตร`,
    ],
  }),
  bakery: (v) => ({
    question:
      `ร้านเบเกอรี่อบมัฟฟิน ${v.trays} ถาด ถาดละ ${v.per} ชิ้น ขายไป ${v.sold} ชิ้น ` +
      `แล้วนำที่เหลือใส่กล่อง กล่องละ ${v.box} ชิ้น จะได้มัฟฟินเต็มกี่กล่อง`,
    steps: [
      `ร้านอบมัฟฟินทั้งหมด ${v.trays} × ${v.per} = ${v.total} ชิ้น`,
      `หลังขายแล้วเหลือ ${v.total} - ${v.sold} = ${v.rest} ชิ้น`,
      `ได้มัฟฟินเต็ม ${v.rest} ÷ ${v.box} = ${v.boxes} กล่อง`,
    ],
  }),
  savings: (v) => ({
    question:
      `สุดาได้ค่าจ้างชั่วโมงละ ${money(v.wage)} เดือนนี้เธอทำงาน ${v.hours} ชั่วโมง ` +
      `เธอใช้จ่ายไป ${v.pct} ของรายได้ และเก็บออมส่วนที่เหลือ เดือนนี้เธอเก็บออมได้เท่าไร`,
    steps: [
      `รายได้เดือนนี้คือ ${money(v.wage)} × ${v.hours} = ${money(v.earned)}`,
      `เธอใช้จ่ายไป ${money(v.earned)} × ${v.pct} = ${money(v.spent)}`,
      `เธอเก็บออมได้ ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}`,
    ],
  }),
  market_change: (v) => ({
    question:
      `สมศรีซื้อแอปเปิล ${v.apples} กิโลกรัม ราคากิโลกรัมละ ${money(v.applePrice)} และซื้อส้ม ${v.oranges} กิโลกรัม ` +
      `ราคากิโลกรัมละ ${money(v.orangePrice)} เธอจ่ายเงินไป ${money(v.paid)} เธอจะได้เงินทอนเท่าไร`,
    steps: [
      `แอปเปิลราคา ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}`,
      `ส้มราคา ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}`,
      `รวมเป็นเงิน ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}`,
      `เงินทอนคือ ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `ในงานออกร้านของโรงเรียน นักเรียนขายคัพเค้ก ${v.cupcakes} ชิ้น ราคาชิ้นละ ${money(v.cupcakePrice)} ` +
      `และขายคุกกี้ ${v.cookies} ชิ้น ราคาชิ้นละ ${money(v.cookiePrice)} แล้วแบ่งเงินให้ ${v.classes} ห้องเรียนเท่า ๆ กัน ` +
      `แต่ละห้องจะได้เงินเท่าไร`,
    steps: [
      `ขายคัพเค้กได้ ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}`,
      `ขายคุกกี้ได้ ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}`,
      `รวมได้เงิน ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}`,
      `แต่ละห้องได้เงิน ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}`,
    ],
  }),
};
