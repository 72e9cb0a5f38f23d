/** Spanish wording. */
import type { TemplateTexts } from '../templates';

const money = (x: string): string => `${x}\u00a0€`;

export const spanishTexts: TemplateTexts = {
  add_items: (v) => ({
    question: `María tiene ${v.a} manzanas. Compra ${v.b} manzanas más. ¿Cuántas manzanas tiene ahora?`,
    steps: [`Ahora María tiene ${v.a} + ${v.b} = ${v.total} manzanas.`],
  }),
  water_left: (v) => ({
    question: `Una botella contiene ${v.a} L de agua. Tomás bebe ${v.b} L. ¿Cuánta agua queda en la botella?`,
    steps: [`${v.a} - ${v.b} = ${v.left}, así que en la botella hay ${v.left} L de agua.`],
  }),
  boxes_total: (v) => ({
    question: `Una tienda tiene ${v.boxes} cajas de lápices con ${v.per} lápices en cada caja. ¿Cuántos lápices tiene la tienda?`,
    steps: [`La tienda tiene ${v.boxes} × ${v.per} = ${v.total} lápices.`],
  }),
  share_equally: (v) => ({
    question: `Se reparten ${v.total} galletas a partes iguales entre ${v.kids} niños. ¿Cuántas galletas recibe cada niño?`,
    steps: [`Cada niño recibe ${v.total} ÷ ${v.kids} = ${v.each} galletas.`],
  }),
  price_per_kg: (v) => ({
    question: `${v.kg} kg de arroz cuestan ${money(v.cost)}. ¿Cuál es el precio del arroz por kilogramo?`,
    steps: [`El arroz cuesta ${money(v.cost)} ÷ ${v.kg} = ${money(v.rate)} por kilogramo.`],
  }),
  percent_of_class: (v) => ({
    question: `Una escuela tiene ${v.students} alumnos. El ${v.pct} de ellos va a pie a la escuela. ¿Cuántos alumnos van a pie a la escuela?`,
    steps: [`${v.students} × ${v.pct} = ${v.walk}, así que ${v.walk} alumnos van a pie a la escuela.`],
  }),
  shop_change: (v) => ({
    question: `Leo compra ${v.n} cuadernos a ${money(v.price)} cada uno. Paga con ${money(v.paid)}. ¿Cuánto dinero le devuelven?`,
    steps: [
      `Los cuadernos cuestan ${v.n} × ${money(v.price)} = ${money(v.cost)}.`,
      `Le devuelven ${money(v.paid)} - ${money(v.cost)} = ${money(v.change)}.`,
    ],
  }),
  discount: (v) => ({
    question: `Una bicicleta cuesta ${money(v.price)}. La tienda hace un descuento del ${v.pct}. ¿Cuál es el precio con el descuento?`,
    steps: [
      `El descuento es de ${money(v.price)} × ${v.pct} = ${money(v.disc)}.`,
      `El precio con el descuento es ${money(v.price)} - ${money(v.disc)} = ${money(v.final)}.`,
    ],
  }),
  distance_rate: (v) => ({
    question: `Un coche recorre ${v.km} km con ${v.liters} L de combustible. ¿Cuántos kilómetros puede recorrer con ${v.more} L al mismo ritmo?`,
    steps: [
      `El coche recorre ${v.km} ÷ ${v.liters} = ${v.rate} km por litro.`,
      `Con ${v.more} L recorre ${v.rate} × ${v.more} = ${v.far} km.`,
    ],
  }),
  bakery: (v) => ({
    question:
      `Una panadería hornea ${v.trays} bandejas de magdalenas con ${v.per} magdalenas en cada bandeja. ` +
      `Vende ${v.sold} magdalenas y guarda el resto en cajas de ${v.box}. ¿Cuántas cajas llena?`,
    steps: [
      `La panadería hornea ${v.trays} × ${v.per} = ${v.total} magdalenas.`,
      `Después de la venta quedan ${v.total} - ${v.sold} = ${v.rest} magdalenas.`,
      `Llena ${v.rest} ÷ ${v.box} = ${v.boxes} cajas.`,
    ],
  }),
  savings: (v) => ({
    question:
      `Ana gana ${money(v.wage)} por hora y este mes trabaja ${v.hours} horas. ` +
      `Gasta el ${v.pct} de lo que gana y ahorra el resto. ¿Cuánto ahorra este mes?`,
    steps: [
      `Ana gana ${money(v.wage)} × ${v.hours} = ${money(v.earned)}.`,
      `Gasta ${money(v.earned)} × ${v.pct} = ${money(v.spent)}.`,
      `Ahorra ${money(v.earned)} - ${money(v.spent)} = ${money(v.saved)}.`,
    ],
  }),
  market_change: (v) => ({
    question:
      `Sara compra ${v.apples} kg de manzanas a ${money(v.applePrice)} el kilo y ${v.oranges} kg de naranjas a ` +
      `${money(v.orangePrice)} el kilo. Paga con ${money(v.paid)}. ¿Cuánto dinero le devuelven?`,
    steps: [
      `Las manzanas cuestan ${v.apples} × ${money(v.applePrice)} = ${money(v.appleCost)}.`,
      `Las naranjas cuestan ${v.oranges} × ${money(v.orangePrice)} = ${money(v.orangeCost)}.`,
      `En total paga ${money(v.appleCost)} + ${money(v.orangeCost)} = ${money(v.total)}.`,
      `Le devuelven ${money(v.paid)} - ${money(v.total)} = ${money(v.change)}.`,
    ],
  }),
  fundraiser: (v) => ({
    question:
      `En la feria escolar, los alumnos venden ${v.cupcakes} magdalenas a ${money(v.cupcakePrice)} cada una y ` +
      `${v.cookies} galletas a ${money(v.cookiePrice)} cada una. El dinero se reparte a partes iguales entre ` +
      `${v.classes} clases. ¿Cuánto dinero recibe cada clase?`,
    steps: [
      `Las magdalenas recaudan ${v.cupcakes} × ${money(v.cupcakePrice)} = ${money(v.cupcakeMoney)}.`,
      `Las galletas recaudan ${v.cookies} × ${money(v.cookiePrice)} = ${money(v.cookieMoney)}.`,
      `En total la feria recauda ${money(v.cupcakeMoney)} + ${money(v.cookieMoney)} = ${money(v.total)}.`,
      `Cada clase recibe ${money(v.total)} ÷ ${v.classes} = ${money(v.each)}.`,
    ],
  }),
};
