/** Telugu wording. */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x} రూపాయలు`;
/** Before చొప్పున ("at ... each") the noun takes its oblique form. */
const moneyEach = (x: string): string => `${x} రూపాయల`;

export const teluguTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `సీత దగ్గర ${v.a} ఆపిల్ పండ్లు ఉన్నాయి. ఆమె ఇంకా ${v.b} ఆపిల్ పండ్లు కొంటుంది. ఇప్పుడు ఆమె దగ్గర ఎన్ని ఆపిల్ పండ్లు ఉన్నాయి?`,
    steps: [`ఇప్పుడు సీత దగ్గర ${v.a} + ${v.b} = ${v.total} ఆపిల్ పండ్లు ఉన్నాయి.`],
  }),
  water_left: (v) => ({
    question: `ఒక సీసాలో ${v.a} లీటర్ల నీళ్లు ఉన్నాయి. రాము ${v.b} లీటర్ల నీళ్లు తాగుతాడు. సీసాలో ఇంకా ఎన్ని లీటర్ల నీళ్లు మిగిలి ఉన్నాయి?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, కాబట్టి సీసాలో ${v.left} లీటర్ల నీళ్లు మిగిలి ఉన్నాయి.`],
  }),
  boxes_total: (v) => ({
    question: `ఒక దుకాణంలో పెన్సిళ్ల పెట్టెలు ${v.boxes} ఉన్నాయి. ప్రతి పెట్టెలో ${v.per} పెన్సిళ్లు ఉన్నాయి. దుకాణంలో మొత్తం ఎన్ని పెన్సిళ్లు ఉన్నాయి?`,
    steps: [`దుకాణంలో మొత్తం ${v.boxes} × ${v.per} = ${v.total} పెన్సిళ్లు ఉన్నాయి.`],
  }),
  share_equally: (v) => ({
    question: `${v.total} బిస్కెట్లను ${v.kids} మంది పిల్లలకు సమానంగా పంచుతారు. ఒక్కొక్కరికి ఎన్ని బిస్కెట్లు వస్తాయి?`,
    steps: [`ఒక్కొక్కరికి ${v.total} ÷ ${v.kids} = ${v.each} బిస్కెట్లు వస్తాయి.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} కిలోల బియ్యం ధర ${money(v.cost)}. కిలో బియ్యం ధర ఎంత?`,
    steps: [`కిలో బియ్యం ధర ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)}.`],
  }),
  percent_of_class: (v) => ({
    question: `ఒక పాఠశాలలో ${v.students} మంది విద్యార్థులు ఉన్నారు. వారిలో ${v.pct} మంది నడిచి బడికి వెళ్తారు. ఎంత మంది విద్యార్థులు నడిచి బడికి వెళ్తారు?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, కాబట్టి ${v.walk} మంది విద్యార్థులు నడిచి బడికి వెళ్తారు.`],
  }),
  shop_change: (v) => ({
    question: `రవి ఒక్కొక్కటి ${moneyEach(v.price)} చొప్పున ${v.n} నోటు పుస్తకాలు కొంటాడు. అతను ${money(v.paid)} ఇస్తాడు. అతనికి ఎంత చిల్లర తిరిగి వస్తుంది?`,
    steps: [
      `నోటు పుస్తకాల ధర ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `తిరిగి వచ్చే చిల్లర ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}.`,
    ],
  }),
  discount: (v) => ({
    question: `ఒక సైకిల్ ధర ${money(v.price)}. దుకాణం ${v.pct} తగ్గింపు ఇస్తుంది. తగ్గింపు తర్వాత సైకిల్ ధర ఎంత?`,
    steps: [
      `తగ్గింపు మొత్తం ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `తగ్గింపు తర్వాత సైకిల్ ధర ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `ఒక కారు ${v.liters} లీటర్ల పెట్రోలుతో ${v.km} కిలోమీటర్లు ప్రయాణిస్తుంది. అదే రేటుతో ${v.more} లీటర్ల పెట్రోలుతో అది ఎన్ని కిలోమీటర్లు ప్రయాణిస్తుంది?`,
    steps: [
      `కారు ఒక్కో లీటరుకు ${v.km} ÷ ${v.liters} = ${v.rate} కిలోమీటర్లు ప్రయాణిస్తుంది.`,
      `${v.more} లీటర్ల పెట్రోలుతో అది ${v.rate} × ${v.more} = ${v.far} కిలోమీటర్లు ప్రయాణిస్తుంది.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `ఒక బేకరీ ${v.trays} ట్రేలలో మఫిన్లు కాలుస్తుంది, ప్రతి ట్రేలో ${v.per} మఫిన్లు ఉంటాయి. అది ${v.sold} మఫిన్లు ` +
      `అమ్మి, మిగిలినవాటిని పెట్టెకు ${v.box} చొప్పున పెట్టెల్లో సర్దుతుంది. ఎన్ని పెట్టెలు నిండుతాయి?`,
    steps: [
      `బేకరీ మొత్తం ${v.trays} × ${v.per} = ${v.total} మఫిన్లు కాలుస్తుంది.`,
      `అమ్మిన తర్వాత ${v.total} - ${v.sold} = ${v.rest} మఫిన్లు మిగులుతాయి.`,
      `${v.rest} ÷ ${v.box} = ${v.boxes} పెట్టెలు నిండుతాయి.`,
    ],
  }),
  savings: (v) => ({
    question:
      `లక్ష్మి గంటకు ${money(v.wage)} సంపాదిస్తుంది, ఈ నెలలో ${v.hours} గంటలు పని చేస్తుంది. ఆమె తన సంపాదనలో ` +
      `${v.pct} ఖర్చు చేసి, మిగిలినది పొదుపు చేస్తుంది. ఈ నెలలో ఆమె ఎంత పొదుపు చేస్తుంది?`,
    steps: [
      `ఈ నెలలో ఆమె సంపాదన ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `ఆమె ఖర్చు ${money(v.earned)} × ${v.pct} = ${money(v.spent)}.`,
      `ఆమె పొదుపు ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `గీత కిలో ${moneyEach(v.applePrice)} చొప్పున ${v.apples} కిలోల ఆపిల్ పండ్లు, కిలో ${moneyEach(v.orangePrice)} చొప్పున ` +
      `${v.oranges} కిలోల నారింజ పండ్లు కొంటుంది. ఆమె ${money(v.paid)} ఇస్తుంది. ఆమెకు ఎంత చిల్లర తిరిగి వస్తుంది?`,
    steps: [
      `ఆపిల్ పండ్ల ధర ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `నారింజ పండ్ల ధర ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `మొత్తం ధర ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `తిరిగి వచ్చే చిల్లర ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `పాఠశాల మేళాలో విద్యార్థులు ఒక్కొక్కటి ${moneyEach(v.cupcakePrice)} చొప్పున ${v.cupcakes} కేకులు, ఒక్కొక్కటి ` +
      `${moneyEach(v.cookiePrice)} చొప్పున ${v.cookies} బిస్కెట్లు అమ్ముతారు. ఆ డబ్బును ${v.classes} తరగతులకు సమానంగా ` +
      `పంచుతారు. ఒక్కొక్క తరగతికి ఎంత డబ్బు వస్తుంది?`,
    steps: [
      `కేకుల ద్వారా వచ్చిన డబ్బు ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}.`,
      `బిస్కెట్ల ద్వారా వచ్చిన డబ్బు ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}.`,
      `మొత్తం డబ్బు ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}.`,
      `ఒక్కొక్క తరగతికి ${money(v.total)} ÷ ${v.classes} = ${money(v.each)} వస్తాయి.`,
    ],
  }),
};
