// API callback
cb({"reviews":[{"id":"g1","text":"Arrived quickly, well packed","rating":4,"author":"sora"},{"id":"g2","text":"Colour not as pictured","rating":2,"author":"hyun"}]});
