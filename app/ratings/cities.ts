// Which city a carer's peers are in: the nearest of these centres within reach, or else the 1° grid
// cell of their approximate base. Carers have no city field; their base places them. The peer job
// runs the SQL twin (citySql) over every carer; cityOf is the same rule for tests and pages.

export interface City {
  code: string;
  en: string;
  zh: string;
  lat: number;
  lng: number;
}

/** Municipal centres. A metropolis spreads ~60 km (Hangzhou's districts reach Lin'an and Qiantang). */
export const CITIES: readonly City[] = [
  { code: "hangzhou", en: "Hangzhou", zh: "杭州", lat: 30.274, lng: 120.155 },
  { code: "shanghai", en: "Shanghai", zh: "上海", lat: 31.23, lng: 121.474 },
  { code: "beijing", en: "Beijing", zh: "北京", lat: 39.904, lng: 116.407 },
  { code: "guangzhou", en: "Guangzhou", zh: "广州", lat: 23.129, lng: 113.264 },
  { code: "shenzhen", en: "Shenzhen", zh: "深圳", lat: 22.543, lng: 114.058 },
  { code: "chengdu", en: "Chengdu", zh: "成都", lat: 30.572, lng: 104.066 },
  { code: "chongqing", en: "Chongqing", zh: "重庆", lat: 29.563, lng: 106.551 },
  { code: "wuhan", en: "Wuhan", zh: "武汉", lat: 30.593, lng: 114.305 },
  { code: "nanjing", en: "Nanjing", zh: "南京", lat: 32.06, lng: 118.797 },
  { code: "suzhou", en: "Suzhou", zh: "苏州", lat: 31.299, lng: 120.585 },
  { code: "tianjin", en: "Tianjin", zh: "天津", lat: 39.343, lng: 117.362 },
  { code: "xian", en: "Xi'an", zh: "西安", lat: 34.341, lng: 108.94 },
  { code: "ningbo", en: "Ningbo", zh: "宁波", lat: 29.868, lng: 121.544 },
  { code: "changsha", en: "Changsha", zh: "长沙", lat: 28.228, lng: 112.939 },
  { code: "qingdao", en: "Qingdao", zh: "青岛", lat: 36.067, lng: 120.383 },
  { code: "xiamen", en: "Xiamen", zh: "厦门", lat: 24.48, lng: 118.089 },
  { code: "hongkong", en: "Hong Kong", zh: "香港", lat: 22.319, lng: 114.169 },
  { code: "taipei", en: "Taipei", zh: "台北", lat: 25.033, lng: 121.565 },
];

/** How far (degrees of latitude, ~67 km) a base may be from a centre and still be in its city. */
export const CITY_REACH_DEG = 0.6;

const squaredDistance = (c: City, lat: number, lng: number) => {
  const dLng = (lng - c.lng) * Math.cos((lat * Math.PI) / 180);
  return (lat - c.lat) ** 2 + dLng ** 2;
};

/** The peer city of a base: the nearest centre within reach, else "cell:<lat>,<lng>" of its 1° cell. */
export function cityOf(lat: number, lng: number): string {
  let best: City | null = null;
  let bestD = CITY_REACH_DEG ** 2;
  for (const c of CITIES) {
    const d = squaredDistance(c, lat, lng);
    if (d <= bestD) {
      best = c;
      bestD = d;
    }
  }
  return best ? best.code : `cell:${Math.floor(lat)},${Math.floor(lng)}`;
}

/** The same rule in SQL, over the columns given (the carer's approximate base). */
export function citySql(lat: string, lng: string): string {
  const values = CITIES.map((c) => `('${c.code}', ${c.lat}::float8, ${c.lng}::float8)`).join(", ");
  return `coalesce(
    (select k.code from (values ${values}) k(code, lat, lng)
      where (${lat} - k.lat) ^ 2 + ((${lng} - k.lng) * cos(radians(${lat}))) ^ 2 <= ${CITY_REACH_DEG ** 2}::float8
      order by (${lat} - k.lat) ^ 2 + ((${lng} - k.lng) * cos(radians(${lat}))) ^ 2, k.code limit 1),
    'cell:' || floor(${lat})::int || ',' || floor(${lng})::int)`;
}

/** Both names of a peer city, for pages to pick from by language; null for a grid cell. */
export function cityNames(code: string | null): { en: string; zh: string } | null {
  const city = CITIES.find((c) => c.code === code);
  return city ? { en: city.en, zh: city.zh } : null;
}
