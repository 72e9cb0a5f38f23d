/** Bengali wording (Bengali digits, see languages.ts); counted nouns take the classifier টি or জন. */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x} টাকা`;

export const bengaliTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `রিনার কাছে ${v.a}টি আপেল আছে। সে আরও ${v.b}টি আপেল কেনে। এখন তার কাছে কতগুলি আপেল আছে?`,
    steps: [`এখন রিনার কাছে ${v.a} + ${v.b} = ${v.total}টি আপেল আছে।`],
  }),
  water_left: (v) => ({
    question: `একটি বোতলে ${v.a} লিটার জল আছে। রাজু ${v.b} লিটার জল পান করে। বোতলে কত লিটার জল বাকি থাকে?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, তাই বোতলে ${v.left} লিটার জল বাকি থাকে।`],
  }),
  boxes_total: (v) => ({
    question: `একটি দোকানে পেনসিলের ${v.boxes}টি বাক্স আছে, প্রতিটি বাক্সে ${v.per}টি পেনসিল আছে। দোকানে মোট কতগুলি পেনসিল আছে?`,
    steps: [`দোকানে মোট ${v.boxes} × ${v.per} = ${v.total}টি পেনসিল আছে।`],
  }),
  share_equally: (v) => ({
    question: `${v.total}টি বিস্কুট ${v.kids}জন শিশুর মধ্যে সমানভাবে ভাগ করে দেওয়া হলো। প্রত্যেক শিশু কতগুলি বিস্কুট পাবে?`,
    steps: [`প্রত্যেক শিশু ${v.total} ÷ ${v.kids} = ${v.each}টি বিস্কুট পাবে।`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} কেজি চালের দাম ${money(v.cost)}। প্রতি কেজি চালের দাম কত?`,
    steps: [`প্রতি কেজি চালের দাম ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}।`],
  }),
  percent_of_class: (v) => ({
    question: `একটি স্কুলে ${v.students}জন ছাত্রছাত্রী আছে। তাদের মধ্যে ${v.pct} হেঁটে স্কুলে যায়। কতজন ছাত্রছাত্রী হেঁটে স্কুলে যায়?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, তাই ${v.walk}জন ছাত্রছাত্রী হেঁটে স্কুলে যায়।`],
  }),
  shop_change: (v) => ({
    question: `রবি প্রতিটি ${money(v.price)} দামে ${v.n}টি খাতা কেনে। সে ${money(v.paid)} দেয়। সে কত টাকা ফেরত পাবে?`,
    steps: [
      `খাতাগুলির দাম ${v.n} × ${money(v.price)} = ${money(v.cost)}।`,
      `সে ফেরত পাবে ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}।`,
    ],
  }),
  discount: (v) => ({
    question: `একটি সাইকেলের দাম ${money(v.price)}। দোকান ${v.pct} ছাড় দেয়। ছাড়ের পরে সাইকেলের দাম কত?`,
    steps: [
      `ছাড়ের পরিমাণ ${money(v.price)} × ${v.pct} = ${money(v.disc)}।`,
      `ছাড়ের পরে সাইকেলের দাম ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}।`,
    ],
  }),
  distance_rate: (v) => ({
    question: `একটি গাড়ি ${v.liters} লিটার তেলে ${v.km} কিলোমিটার যায়। একই হারে ${v.more} লিটার তেলে গাড়িটি কত কিলোমিটার যাবে?`,
    steps: [
      `গাড়িটি প্রতি লিটারে ${v.km} ÷ ${v.liters} = ${v.rate} কিলোমিটার যায়।`,
      `${v.more} লিটার তেলে গাড়িটি ${v.rate} × ${v.more} = ${v.far} কিলোমিটার যাবে।`,
    ],
  }),
  bakery: (v) => ({
    question:
      `একটি বেকারি ${v.trays}টি ট্রেতে মাফিন বানায়, প্রতিটি ট্রেতে ${v.per}টি মাফিন। বেকারি ${v.sold}টি মাফিন বিক্রি ` +
      `করে এবং বাকিগুলি ${v.box}টি করে বাক্সে ভরে। কতগুলি বাক্স ভর্তি হবে?`,
    steps: [
      `বেকারি মোট ${v.trays} × ${v.per} = ${v.total}টি মাফিন বানায়।`,
      `বিক্রির পরে ${v.total} - ${v.sold} = ${v.rest}টি মাফিন বাকি থাকে।`,
      `${v.rest} ÷ ${v.box} = ${v.boxes}টি বাক্স ভর্তি হবে।`,
    ],
  }),
  savings: (v) => ({
    question:
      `মিতা প্রতি ঘণ্টায় ${money(v.wage)} আয় করে এবং এই মাসে ${v.hours} ঘণ্টা কাজ করে। সে তার আয়ের ${v.pct} খরচ ` +
      `করে এবং বাকিটা সঞ্চয় করে। এই মাসে সে কত টাকা সঞ্চয় করে?`,
    steps: [
      `এই মাসে তার আয় ${money(v.wage)} × ${v.hours} = ${money(v.earned)}।`,
      `সে খরচ করে ${money(v.earned)} × ${v.pct} = ${money(v.spent)}।`,
      `সে সঞ্চয় করে ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}।`,
    ],
  }),
  market_change: (v) => ({
    question:
      `সীমা প্রতি কেজি ${money(v.applePrice)} দামে ${v.apples} কেজি আপেল এবং প্রতি কেজি ${money(v.orangePrice)} দামে ` +
      `${v.oranges} কেজি কমলালেবু কেনে। সে ${money(v.paid)} দেয়। সে কত টাকা ফেরত পাবে?`,
    steps: [
      `আপেলের দাম ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}।`,
      `কমলালেবুর দাম ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}।`,
      `মোট দাম ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}।`,
      `সে ফেরত পাবে ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}।`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `স্কুলের মেলায় ছাত্রছাত্রীরা প্রতিটি ${money(v.cupcakePrice)} দামে ${v.cupcakes}টি কাপকেক এবং প্রতিটি ` +
      `${money(v.cookiePrice)} দামে ${v.cookies}টি বিস্কুট বিক্রি করে। টাকাটা ${v.classes}টি ক্লাসের মধ্যে সমানভাবে ` +
      `ভাগ করা হয়। প্রতিটি ক্লাস কত টাকা পাবে?`,
    steps: [
      `কাপকেক থেকে আয় ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}।`,
      `বিস্কুট থেকে আয় ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}।`,
      `মোট আয় ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}।`,
      `প্রতিটি ক্লাস পাবে ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}।`,
    ],
  }),
};
