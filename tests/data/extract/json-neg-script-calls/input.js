init({"theme":"dark","widgets":[{"text":"Sale ends soon","rating":5}]});
render();
